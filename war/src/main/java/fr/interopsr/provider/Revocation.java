package fr.interopsr.provider;

import java.time.Instant;
import java.util.Objects;

/**
 * One revocation (issue 17, RFC 7009): of one VI ({@code iss}, {@code jti}), or of every VI of a client or of a
 * convention issued up to {@link #issuedBefore} (the administrator's "kill switch"). Kept until {@link #keptUntil}:
 * the VI's {@code exp} plus skew for one VI, now + the longest lifetime + skew for the others (P-47); after that no VI
 * it covers can be accepted anyway.
 *
 * @param id           a UUID
 * @param kind         what is revoked
 * @param issuer       the VI's {@code iss} ({@link Kind#VI}), else null
 * @param jti          the VI's {@code jti} ({@link Kind#VI}), else null
 * @param clientId     the client ({@link Kind#CLIENT}), else null; for {@link Kind#VI}, the client it was issued to
 *                     when known
 * @param conventionId the convention ({@link Kind#CONVENTION}), else null; for {@link Kind#VI} the one it was issued
 *                     under when known
 * @param issuedBefore for {@link Kind#CLIENT} and {@link Kind#CONVENTION}: VIs whose {@code iat} is at or before this
 *                     second are revoked (P-48); for {@link Kind#VI} the time of the revocation
 * @param revokedAt    when it was made
 * @param revokedBy    who made it: {@code client:<client_id>} or {@code admin:<user>}
 * @param keptUntil    when it is dropped from the table
 * @param comment      the administrator's comment, or null
 */
public record Revocation(
        String id,
        Kind kind,
        String issuer,
        String jti,
        String clientId,
        String conventionId,
        Instant issuedBefore,
        Instant revokedAt,
        String revokedBy,
        Instant keptUntil,
        String comment) {

    /** What a revocation covers. */
    public enum Kind {
        /** One VI, by ({@code iss}, {@code jti}). */
        VI,
        /** Every VI of a client ({@code serviceProvider.clientId}) issued up to the revocation. */
        CLIENT,
        /** Every VI of a convention issued up to the revocation. */
        CONVENTION
    }

    public Revocation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuedBefore, "issuedBefore");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(revokedBy, "revokedBy");
        Objects.requireNonNull(keptUntil, "keptUntil");
        switch (kind) {
            case VI -> {
                Objects.requireNonNull(issuer, "issuer");
                Objects.requireNonNull(jti, "jti");
            }
            case CLIENT -> Objects.requireNonNull(clientId, "clientId");
            case CONVENTION -> Objects.requireNonNull(conventionId, "conventionId");
        }
    }

    /** What it covers, in words, for traces and the console. */
    public String target() {
        return switch (kind) {
            case VI -> "VI " + jti + " of " + issuer;
            case CLIENT -> "every VI of client " + clientId + " issued up to " + issuedBefore;
            case CONVENTION -> "every VI of convention " + conventionId + " issued up to " + issuedBefore;
        };
    }
}
