package fr.interopsr.provider;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ValidationStep#REVOKED}, issue 17 (RFC 7009), right after step 15: a VI that was revoked, or whose client or
 * convention was revoked at or after its {@code iat} (P-48), is refused. The list is this node's current one
 * ({@link Revocations}: at once for a revocation made here, within 2 s for one made on another node). Before single
 * use, so that a revoked VI never uses up its {@code jti}.
 */
final class RevocationStep extends Step {

    private final Supplier<RevocationList> revocations;

    /** @param revocations the revocations in force, asked at each call */
    RevocationStep(Supplier<RevocationList> revocations) {
        super(ValidationStep.REVOKED);
        this.revocations = Objects.requireNonNull(revocations, "revocations");
    }

    @Override
    Verdict check(ValidationContext context) {
        Optional<Revocation> revoked = covering(
                revocations.get(),
                context.facts.iss(),
                context.facts.jti(),
                context.convention.clientId(),
                context.convention.id(),
                context.issuedAt.longValue());
        return revoked.isPresent() ? fail(reason(revoked.get())) : Verdict.PASS;
    }

    static Optional<Revocation> covering(
            RevocationList list, String iss, String jti, String clientId, String conventionId, long iat) {
        return list == null ? Optional.empty() : list.covering(iss, jti, clientId, conventionId, iat);
    }

    /** The trace's reason for a VI that a revocation covers. */
    static String reason(Revocation r) {
        return "revoked: " + r.target() + ", by " + r.revokedBy() + " at " + r.revokedAt() + " (issue 17)";
    }
}
