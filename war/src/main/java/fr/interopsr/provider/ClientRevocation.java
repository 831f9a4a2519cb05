package fr.interopsr.provider;

import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.ConventionDocument;
import jakarta.json.JsonNumber;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client's revocation of one of its own VIs (issue 17, RFC 7009 §2.1), in plain Java. The VI must be one this server
 * issued (D-7) whose signature verifies with this server's keys, not expired, and issued to the client that asks (its
 * convention's {@code serviceProvider.clientId}); then it is revoked until its {@code exp} + the convention's skew.
 * Any other token — malformed, expired, another client's, another issuer's — changes nothing and the answer is the
 * same 200 (RFC 7009 §2.2: "invalid tokens do not cause an error response"); the trace says why.
 */
public final class ClientRevocation {

    /**
     * What the request did.
     *
     * @param revocation the revocation made, or empty when the token was left alone
     * @param result     the check of the token
     * @param detail     what the trace says
     */
    public record Outcome(Optional<Revocation> revocation, ValidationResult result, String detail) {}

    private final ViValidator validator;

    /**
     * @param conventions the current convention index
     * @param ownIssuer   this deployment's issuer
     * @param ownKeys     this deployment's public keys at an instant
     * @param maxViBytes  the cap on the VI (D-13)
     */
    public ClientRevocation(
            Supplier<ConventionIndex> conventions,
            String ownIssuer,
            Function<Instant, JWKSet> ownKeys,
            int maxViBytes) {
        this.validator = ViValidator.forRevocation(conventions, ownIssuer, ownKeys, maxViBytes);
    }

    /**
     * Decides on one request of an authenticated client.
     *
     * @param clientId the authenticated client
     * @param token    the {@code token} parameter
     * @param now      the time
     */
    public Outcome revoke(String clientId, String token, Instant now) {
        ValidationResult result = validator.validate(ViRequest.bearer(token, null, null, now));
        if (!result.valid()) {
            return new Outcome(
                    Optional.empty(),
                    result,
                    "token left alone (RFC 7009 §2.2): "
                            + result.failedStep().orElseThrow().traceName() + ": " + result.detail());
        }
        Convention convention = result.convention().orElseThrow();
        if (!Objects.equals(convention.clientId(), clientId)) {
            return new Outcome(
                    Optional.empty(),
                    result,
                    "token left alone (RFC 7009 §2.1): VI " + result.facts().jti() + " was issued to client "
                            + convention.clientId() + ", not to " + clientId);
        }
        ConventionDocument doc = convention.document();
        long exp = result.claims().get("exp") instanceof JsonNumber n ? n.longValue() + 1 : now.getEpochSecond();
        Instant keptUntil =
                Instant.ofEpochSecond(exp).plusSeconds(doc.dataProvider().allowedClockSkewSeconds());
        Revocation revocation = new Revocation(
                UUID.randomUUID().toString(),
                Revocation.Kind.VI,
                result.facts().iss(),
                result.facts().jti(),
                clientId,
                convention.id(),
                now,
                now,
                "client:" + clientId,
                keptUntil,
                null);
        return new Outcome(Optional.of(revocation), result, "revoked: " + revocation.target());
    }
}
