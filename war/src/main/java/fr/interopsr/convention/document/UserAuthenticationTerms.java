package fr.interopsr.convention.document;

import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.json.CanonicalJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code identityProvider.userAuthentication} (issue 17 §3, an extension beyond Interops-R 1.0): the OpenID provider
 * of the client organisation whose ID tokens this identity provider accepts in an RFC 8693 token exchange, to issue a
 * VI about a user (Interops-R §3.5.1 {@code acr}, {@code auth_time}). Exactly one of {@code jwks} and
 * {@code jwksUri} is given (the reader checks it).
 *
 * @param issuer                      the ID token's {@code iss}, exactly
 * @param jwks                        the provider's public JWK Set, inline
 * @param jwksUri                     or the https URL of it, fetched and cached (P-52)
 * @param audiences                   the accepted {@code aud} values (one of them must be in the token)
 * @param subjectClaim                the ID token claim whose string value becomes the VI's {@code sub}
 * @param acrValues                   the provider's {@code acr} values and the eIDAS level each one means; an
 *                                    {@code acr} not listed is refused
 * @param maxAuthenticationAgeSeconds the largest allowed age of {@code auth_time} when the exchange is asked
 */
public record UserAuthenticationTerms(
        String issuer,
        Optional<JsonObject> jwks,
        Optional<String> jwksUri,
        List<String> audiences,
        String subjectClaim,
        Map<String, AuthenticationLevel> acrValues,
        int maxAuthenticationAgeSeconds) {

    /** The claim that becomes {@code sub} when the document names none. */
    public static final String DEFAULT_SUBJECT_CLAIM = "sub";

    public UserAuthenticationTerms {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(jwksUri, "jwksUri");
        audiences = List.copyOf(audiences);
        Objects.requireNonNull(subjectClaim, "subjectClaim");
        acrValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(acrValues));
    }

    /** The inline {@link #jwks} as a Nimbus JWK Set; empty when the keys are fetched from {@link #jwksUri}. */
    public Optional<JWKSet> jwkSet() {
        return jwks.map(json -> {
            try {
                return JWKSet.parse(CanonicalJson.write(json));
            } catch (ParseException e) {
                throw new IllegalStateException("userAuthentication.jwks is not a JWK Set: " + e.getMessage(), e);
            }
        });
    }

    /** The CONTRACT.md-style JSON of this block (members absent are written as null). */
    public JsonObject toJson() {
        JsonObjectBuilder acr = JsonOut.object();
        acrValues.forEach((value, level) -> acr.add(value, level.jsonName()));
        JsonObjectBuilder b = JsonOut.object().add("issuer", issuer);
        if (jwks.isPresent()) {
            b.add("jwks", jwks.get());
        } else {
            b.addNull("jwks");
        }
        return b.add("jwksUri", JsonOut.stringOrNull(jwksUri))
                .add("audiences", JsonOut.strings(audiences))
                .add("subjectClaim", subjectClaim)
                .add("acrValues", acr)
                .add("maxAuthenticationAgeSeconds", maxAuthenticationAgeSeconds)
                .build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserAuthenticationTerms that
                && issuer.equals(that.issuer)
                && jwks.map(CanonicalJson::write).equals(that.jwks.map(CanonicalJson::write))
                && jwksUri.equals(that.jwksUri)
                && audiences.equals(that.audiences)
                && subjectClaim.equals(that.subjectClaim)
                && acrValues.equals(that.acrValues)
                && maxAuthenticationAgeSeconds == that.maxAuthenticationAgeSeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                issuer,
                jwks.map(CanonicalJson::write),
                jwksUri,
                audiences,
                subjectClaim,
                acrValues,
                maxAuthenticationAgeSeconds);
    }
}
