package fr.interopsr.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import fr.interopsr.convention.document.AuthenticationLevel;
import fr.interopsr.convention.document.UserAuthenticationTerms;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Issue 17 §3 (RFC 8693, beyond Interops-R 1.0): checks the {@code subject_token} of a token exchange, an OpenID
 * Connect ID token of the client organisation's own provider, against the convention's
 * {@code identityProvider.userAuthentication}, with Nimbus: signature (D-9 algorithms, a key of the provider's JWK
 * Set), {@code iss} exactly, {@code aud} among the accepted audiences, {@code exp} and {@code nbf} with the
 * convention's clock skew (IR-17), then {@code iat} not in the future, the age of {@code auth_time}, the provider's
 * {@code acr} mapped to eidas1..3 and meeting the convention's {@code requiredAcr} (Interops-R §3.5.1 "acr",
 * "auth_time"). A failure is a {@link Refusal} with a description the client may read (its own provider's token).
 */
public final class IdTokenVerifier {

    /** D-9: the algorithms accepted from an OpenID provider, as for VIs; never HMAC, never none. */
    static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES384);

    /** The user the ID token proves: the VI's {@code sub}, the provider's own {@code sub}, and the level reached. */
    public record VerifiedUser(
            String subject, String localSubject, String providerAcr, AuthenticationLevel level, Instant authTime) {}

    /** A refused ID token: what the client is told, and what the trace may record of the token. */
    public static final class Refusal extends Exception {
        private final String localSubject;
        private final String providerAcr;
        private final boolean keysUnavailable;

        Refusal(String description, String localSubject, String providerAcr, boolean keysUnavailable) {
            super(description, null, false, false);
            this.localSubject = localSubject;
            this.providerAcr = providerAcr;
            this.keysUnavailable = keysUnavailable;
        }

        public String description() {
            return getMessage();
        }

        /** The provider's {@code sub}, only when the signature verified (a forged token names no one). */
        public Optional<String> localSubject() {
            return Optional.ofNullable(localSubject);
        }

        /** The provider's {@code acr}, only when the signature verified. */
        public Optional<String> providerAcr() {
            return Optional.ofNullable(providerAcr);
        }

        /** True when the provider's keys could not be fetched: the token itself was not judged. */
        public boolean keysUnavailable() {
            return keysUnavailable;
        }
    }

    private IdTokenVerifier() {}

    /**
     * Verifies {@code idToken}.
     *
     * @param keys        the provider's keys (inline or fetched, {@link ProviderKeys})
     * @param requiredAcr the convention's {@code requiredAcr}
     * @param skewSeconds the convention's clock skew, for exp, nbf, iat and auth_time
     */
    public static VerifiedUser verify(
            String idToken,
            UserAuthenticationTerms terms,
            JWKSource<SecurityContext> keys,
            Optional<AuthenticationLevel> requiredAcr,
            Instant now,
            int skewSeconds)
            throws Refusal {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(idToken);
        } catch (ParseException e) {
            throw refusal("subject_token is not a signed JWT (an OpenID Connect ID token): " + e.getMessage());
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw refusal("the ID token's algorithm " + alg + " is not accepted (D-9: ES256, RS256, PS256, ES384)");
        }
        Claims claims = new Claims(terms, requiredAcr, now, skewSeconds);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(claims);
        try {
            processor.process(jwt, null);
        } catch (RateLimitReachedException e) {
            // the kid was not in the cached set and the set was fetched again a moment ago (P-52)
            throw refusal("the ID token's signature is not accepted: " + noKey(jwt));
        } catch (KeySourceException e) {
            throw new Refusal("the OpenID provider's keys could not be obtained: " + e.getMessage(), null, null, true);
        } catch (BadJWTException e) {
            // the signature verified: the claims verifier was called
            throw new Refusal(
                    "the ID token is refused: " + e.getMessage(), claims.localSubject, claims.providerAcr, false);
        } catch (BadJOSEException e) {
            String why =
                    e.getMessage() != null && e.getMessage().contains("no matching key") ? noKey(jwt) : e.getMessage();
            throw refusal("the ID token's signature is not accepted: " + why);
        } catch (JOSEException e) {
            throw refusal("the ID token's signature could not be verified: " + e.getMessage());
        }
        return claims.verified;
    }

    private static String noKey(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        return "no key of the OpenID provider matches the ID token's kid " + (kid == null ? "(none)" : "'" + kid + "'")
                + " and algorithm " + jwt.getHeader().getAlgorithm();
    }

    private static Refusal refusal(String description) {
        return new Refusal(description, null, null, false);
    }

    /**
     * Nimbus's claims checks (iss exactly, aud among the accepted, exp, nbf, required claims) on the exchange's own
     * clock, then the checks the ID token adds: iat, auth_time, acr, the subject claim.
     */
    private static final class Claims extends DefaultJWTClaimsVerifier<SecurityContext> {
        private final UserAuthenticationTerms terms;
        private final Optional<AuthenticationLevel> requiredAcr;
        private final Instant now;
        private final int skew;
        private String localSubject;
        private String providerAcr;
        private VerifiedUser verified;

        Claims(UserAuthenticationTerms terms, Optional<AuthenticationLevel> requiredAcr, Instant now, int skew) {
            super(
                    new HashSet<>(terms.audiences()),
                    new JWTClaimsSet.Builder().issuer(terms.issuer()).build(),
                    required(terms),
                    null);
            this.terms = terms;
            this.requiredAcr = requiredAcr;
            this.now = now;
            this.skew = skew;
            setMaxClockSkew(skew);
        }

        private static Set<String> required(UserAuthenticationTerms terms) {
            Set<String> required = new HashSet<>(Set.of("iss", "sub", "aud", "exp", "iat", "auth_time", "acr"));
            required.add(terms.subjectClaim());
            return required;
        }

        @Override
        protected Date currentTime() {
            return Date.from(now);
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            localSubject = claims.getSubject();
            providerAcr = claims.getClaim("acr") instanceof String s ? s : null;
            super.verify(claims, context);
            Instant iat = claims.getIssueTime().toInstant();
            if (iat.isAfter(now.plusSeconds(skew))) {
                throw new BadJWTException("iat " + iat + " is in the future (clock skew " + skew + " s)");
            }
            Instant authTime;
            try {
                authTime = claims.getDateClaim("auth_time").toInstant();
            } catch (ParseException e) {
                throw new BadJWTException("auth_time is not a number of seconds");
            }
            if (authTime.isAfter(now.plusSeconds(skew))) {
                throw new BadJWTException("auth_time " + authTime + " is in the future");
            }
            long age = now.getEpochSecond() - authTime.getEpochSecond();
            if (age > (long) terms.maxAuthenticationAgeSeconds() + skew) {
                throw new BadJWTException("the user authenticated " + age + " s ago; the convention allows at most "
                        + terms.maxAuthenticationAgeSeconds() + " s (maxAuthenticationAgeSeconds)");
            }
            if (providerAcr == null) {
                throw new BadJWTException("acr is not a string");
            }
            AuthenticationLevel level = terms.acrValues().get(providerAcr);
            if (level == null) {
                throw new BadJWTException(
                        "acr '" + providerAcr + "' is not one the convention maps to an eIDAS level" + " (acrValues)");
            }
            if (requiredAcr.isPresent() && !level.satisfies(requiredAcr.get())) {
                throw new BadJWTException("acr '" + providerAcr + "' means " + level.jsonName()
                        + "; the convention requires " + requiredAcr.get().jsonName() + " (requiredAcr)");
            }
            Object subject = claims.getClaim(terms.subjectClaim());
            if (!(subject instanceof String s) || s.isBlank()) {
                throw new BadJWTException(
                        "claim " + terms.subjectClaim() + " (subjectClaim) is not a non-empty string");
            }
            if (s.length() > 255) {
                throw new BadJWTException("claim " + terms.subjectClaim() + " is longer than 255 characters");
            }
            verified = new VerifiedUser(
                    s, localSubject, providerAcr, level, Instant.ofEpochSecond(authTime.getEpochSecond()));
        }
    }
}
