package fr.interopsr.convention.document;

import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.json.CanonicalJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.text.ParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity provider's part of a convention (IR-20 "IdP"): issuer (IR-10), VI lifetime,
 * allowed signature algorithms (IR-9, D-9), token URL, client authentication (D-6, D-8), clock
 * source (IR-17), extra VI claims (IR-10) and the public keys that verify its VIs.
 * <p>
 * {@code equals} compares {@code extraClaims} and {@code jwks} by their canonical JSON, so a
 * document read back from its own JSON is equal to the original.
 *
 * @param issuer               the VI's {@code iss}: https, host, optional port and path (IR-10)
 * @param tokenLifetimeSeconds VI lifetime, 1..86400
 * @param signatureAlgorithms  allowed algorithms in order of preference, at least one (D-9)
 * @param tokenUrl             where VIs are requested, if published
 * @param clientAuthentication how clients authenticate at the token endpoint
 * @param clockSync            clock source of the IdP (IR-17)
 * @param extraClaims          extra top-level VI claims, none of them registered; possibly empty
 * @param jwks                 the public JWK Set verifying this issuer's VIs; empty when the issuer is
 *                             this deployment's own IdP
 * @param certificateBoundVi   whether VIs are bound to the client's TLS certificate (RFC 8705 §3: {@code cnf}
 *                             {@code x5t#S256}); only with {@code tls_client_auth}; an extension beyond Interops-R 1.0
 * @param userAuthentication   the OpenID provider whose ID tokens a token exchange accepts for VIs about a user
 *                             (issue 17 §3, beyond Interops-R 1.0); empty: no token exchange under this convention
 */
public record IdentityProviderTerms(
        String issuer,
        int tokenLifetimeSeconds,
        List<SignatureAlgorithm> signatureAlgorithms,
        Optional<String> tokenUrl,
        ClientAuthentication clientAuthentication,
        Optional<String> clockSync,
        JsonObject extraClaims,
        Optional<JsonObject> jwks,
        boolean certificateBoundVi,
        Optional<UserAuthenticationTerms> userAuthentication) {

    public IdentityProviderTerms {
        Objects.requireNonNull(issuer, "issuer");
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        Objects.requireNonNull(clockSync, "clockSync");
        Objects.requireNonNull(extraClaims, "extraClaims");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(userAuthentication, "userAuthentication");
    }

    /**
     * The {@link #jwks} as a Nimbus JWK Set (public keys only, as checked by the reader); empty when
     * the document has none.
     *
     * @throws IllegalStateException if the JSON is not a JWK Set (only for hand-built records)
     */
    public Optional<JWKSet> jwkSet() {
        return jwks.map(json -> {
            try {
                return JWKSet.parse(CanonicalJson.write(json));
            } catch (ParseException e) {
                throw new IllegalStateException("identityProvider.jwks is not a JWK Set: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The CONTRACT.md JSON of this part. {@code certificateBoundVi} is written only when true (P-43): a document of
     * Interops-R 1.0 keeps its JSON, and so its content hash (D-15), whatever this extension;
     * {@code userAuthentication} only when there is one.
     */
    public JsonObject toJson() {
        JsonObjectBuilder json = JsonOut.object()
                .add("issuer", issuer)
                .add("tokenLifetimeSeconds", tokenLifetimeSeconds)
                .add(
                        "signatureAlgorithms",
                        JsonOut.strings(signatureAlgorithms.stream()
                                .map(SignatureAlgorithm::jsonName)
                                .toList()))
                .add("tokenUrl", JsonOut.stringOrNull(tokenUrl))
                .add("clientAuthentication", clientAuthentication.jsonName())
                .add("clockSync", JsonOut.stringOrNull(clockSync))
                .add("extraClaims", extraClaims)
                .add("jwks", jwks.map(JsonValue.class::cast).orElse(JsonValue.NULL));
        if (certificateBoundVi) {
            json.add("certificateBoundVi", true);
        }
        userAuthentication.ifPresent(u -> json.add("userAuthentication", u.toJson()));
        return json.build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdentityProviderTerms that
                && issuer.equals(that.issuer)
                && tokenLifetimeSeconds == that.tokenLifetimeSeconds
                && signatureAlgorithms.equals(that.signatureAlgorithms)
                && tokenUrl.equals(that.tokenUrl)
                && clientAuthentication == that.clientAuthentication
                && clockSync.equals(that.clockSync)
                && CanonicalJson.write(extraClaims).equals(CanonicalJson.write(that.extraClaims))
                && jwks.map(CanonicalJson::write).equals(that.jwks.map(CanonicalJson::write))
                && certificateBoundVi == that.certificateBoundVi
                && userAuthentication.equals(that.userAuthentication);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                issuer,
                tokenLifetimeSeconds,
                signatureAlgorithms,
                tokenUrl,
                clientAuthentication,
                clockSync,
                CanonicalJson.write(extraClaims),
                jwks.map(CanonicalJson::write),
                certificateBoundVi,
                userAuthentication);
    }
}
