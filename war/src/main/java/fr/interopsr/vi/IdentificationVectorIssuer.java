package fr.interopsr.vi;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jwt.JWTClaimsSet;
import fr.interopsr.convention.document.AuthenticationLevel;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.SignatureAlgorithm;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds and signs a VI (IR-9, IR-10): JWS compact, {@code typ} JWT, {@code kid} = RFC 7638
 * thumbprint, claims jti ({@code uuid:} + random UUID), sub, iat, nbf (backdated by the
 * convention's clock skew), exp (iat + the convention's lifetime, IR-4), iss, ver, aud, scp, env,
 * azp, then the convention's extra claims at top level, and for a certificate-bound VI (RFC 8705 §3, P-44)
 * {@code cnf} with the client certificate's {@code x5t#S256}.
 */
public final class IdentificationVectorIssuer {

    /** RFC 7800 §3.1: the confirmation claim (the same name as {@code pki.CertificateThumbprint}'s). */
    private static final String CONFIRMATION = "cnf";

    /** RFC 8705 §3.1: the confirmation member of a certificate-bound VI. */
    private static final String X5T_S256 = "x5t#S256";

    private final SigningKeys keys;

    public IdentificationVectorIssuer(SigningKeys keys) {
        this.keys = keys;
    }

    /** A signed VI, or empty when no key serves any algorithm the convention allows. */
    public Optional<IssuedVector> issue(ConventionDocument convention, String subject, List<String> scopes, Instant now)
            throws JOSEException {
        return issue(convention, subject, null, null, scopes, now, Optional.empty());
    }

    /**
     * A signed VI, bound to a client certificate when {@code certificateThumbprint} is given (RFC 8705 §3: the claim
     * {@code cnf} = {@code {"x5t#S256": thumbprint}}), or empty when no key serves any algorithm the convention allows.
     *
     * @param certificateThumbprint the {@code x5t#S256} of the certificate the client authenticated with
     *                              ({@code pki.CertificateThumbprint}), or empty for a VI bound to nothing
     */
    public Optional<IssuedVector> issue(
            ConventionDocument convention,
            String subject,
            List<String> scopes,
            Instant now,
            Optional<String> certificateThumbprint)
            throws JOSEException {
        return issue(convention, subject, null, null, scopes, now, certificateThumbprint);
    }

    /**
     * A signed VI about a user (issue 17 §3, Interops-R §3.5.1): {@code sub} the user, with {@code acr} and
     * {@code auth_time} (which the data provider checks at §3.5.2 step 11); bound to a client certificate as
     * {@link #issue(ConventionDocument, String, List, Instant, Optional)}; empty when no key serves.
     */
    public Optional<IssuedVector> issueAboutUser(
            ConventionDocument convention,
            String subject,
            AuthenticationLevel acr,
            Instant authTime,
            List<String> scopes,
            Instant now,
            Optional<String> certificateThumbprint)
            throws JOSEException {
        return issue(convention, subject, acr, authTime, scopes, now, certificateThumbprint);
    }

    private Optional<IssuedVector> issue(
            ConventionDocument convention,
            String subject,
            AuthenticationLevel acr,
            Instant authTime,
            List<String> scopes,
            Instant now,
            Optional<String> certificateThumbprint)
            throws JOSEException {
        Optional<SigningKey> key = Optional.empty();
        JWSAlgorithm algorithm = null;
        SignatureAlgorithm signedWith = null;
        // the key must stay valid, and so in the JWK Set, as long as a data provider may accept the VI: until its exp
        // plus the convention's clock skew (issue 16: a key leaves the JWK Set at its notAfter)
        long acceptedFor = convention.identityProvider().tokenLifetimeSeconds()
                + convention.dataProvider().allowedClockSkewSeconds();
        for (SignatureAlgorithm alg : convention.identityProvider().signatureAlgorithms()) {
            signedWith = alg;
            algorithm = alg.jwsAlgorithm();
            key = keys.current(algorithm, now, acceptedFor);
            if (key.isPresent()) {
                break;
            }
        }
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String jti = "uuid:" + UUID.randomUUID();
        long lifetime = convention.identityProvider().tokenLifetimeSeconds();
        long skew = convention.dataProvider().allowedClockSkewSeconds();
        Instant iat = Instant.ofEpochSecond(now.getEpochSecond());
        Instant exp = iat.plusSeconds(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .jwtID(jti)
                .subject(subject)
                .issueTime(Date.from(iat))
                .notBeforeTime(Date.from(iat.minusSeconds(skew)))
                .expirationTime(Date.from(exp))
                .issuer(convention.identityProvider().issuer())
                .claim("ver", convention.version())
                .audience(convention.serviceProvider().id())
                .claim("scp", String.join(" ", scopes))
                .claim("env", convention.environment())
                .claim("azp", convention.dataProvider().serviceId());
        if (acr != null) {
            claims.claim("acr", acr.jsonName()).claim("auth_time", authTime.getEpochSecond());
        }
        for (Map.Entry<String, JsonValue> extra :
                convention.identityProvider().extraClaims().entrySet()) {
            claims.claim(extra.getKey(), toJava(extra.getValue()));
        }
        // RFC 8705 §3.1; after the extra claims, which may not take a registered name ("cnf" included)
        certificateThumbprint.ifPresent(x5t -> claims.claim(CONFIRMATION, Map.of(X5T_S256, x5t)));
        SigningKey k = key.get();
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .type(JOSEObjectType.JWT)
                .keyID(k.kid())
                .build();
        // null-valued extra claims are kept (IR-10: any JSON type), which SignedJWT would drop
        JWSObject jws = new JWSObject(header, new Payload(claims.build().toJSONObject(true)));
        jws.sign(k.signer());
        return Optional.of(new IssuedVector(jws.serialize(), jti, k.kid(), iat, exp, lifetime, signedWith));
    }

    /** JSON-P value to the plain Java value Nimbus serialises (objects, arrays, numbers, strings). */
    static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) value;
                if (!n.isIntegral()) {
                    yield n.doubleValue();
                }
                yield n.bigIntegerValue().bitLength() < 64 ? (Object) n.longValue() : (Object) n.bigIntegerValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case ARRAY ->
                value.asJsonArray().stream()
                        .map(IdentificationVectorIssuer::toJava)
                        .toList();
            case OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                value.asJsonObject().forEach((name, v) -> m.put(name, toJava(v)));
                yield m;
            }
        };
    }
}
