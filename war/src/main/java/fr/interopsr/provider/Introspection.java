package fr.interopsr.provider;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.json.Jsonp;
import fr.interopsr.pki.ValidatedCertificate;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The introspection decision (issue 17, RFC 7662), in plain Java: who may ask, and what it is told. The answer to a
 * VI that passes {@link ViValidator#forIntrospection} is {@code active: true} with its claims; to any other VI,
 * {@code {"active": false}} and nothing else (RFC 7662 §2.2, D-12), the reason going to the trace only.
 */
public final class Introspection {

    /** The answer of every VI that is not active: no reason, no claim (RFC 7662 §2.2, D-12). */
    public static final String INACTIVE = "{\"active\":false}";

    /** Whether a single-use VI ({@code jti}, {@code iss}) was presented already (reported, never recorded). */
    @FunctionalInterface
    public interface UseLookup {
        boolean used(String jti, String issuer);
    }

    /**
     * What the endpoint answers and traces.
     *
     * @param result the validation of the VI
     * @param body   the JSON answer
     * @param used   for a single-use convention's VI, whether it was used already; null otherwise
     */
    public record Answer(ValidationResult result, String body, Boolean used) {
        public boolean active() {
            return result.valid();
        }
    }

    private final ViValidator validator;
    private final UseLookup uses;

    public Introspection(ViValidator validator, UseLookup uses) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.uses = Objects.requireNonNull(uses, "uses");
    }

    /**
     * Whether a client certificate (validated under D-1) may call the introspection endpoint at all: it is the
     * {@code dataProvider.introspectionCertificate} of an active convention of this deployment's issuer (D-7). Which
     * VIs it learns about is decided per VI ({@link IntrospectionTargetStep}).
     */
    public static boolean mayIntrospect(ConventionIndex index, String ownIssuer, ValidatedCertificate caller) {
        return mayIntrospect(index, ownIssuer, caller, id -> Set.of());
    }

    /**
     * The same, counting the introspection certificates uploaded through the administration ({@code uploaded}: their
     * SHA-256s by convention id).
     */
    public static boolean mayIntrospect(
            ConventionIndex index,
            String ownIssuer,
            ValidatedCertificate caller,
            Function<String, Set<String>> uploaded) {
        if (index == null || ownIssuer == null || caller == null) {
            return false;
        }
        for (Convention c : index.all()) {
            if (c.active()
                    && ownIssuer.equals(c.issuer())
                    && (IntrospectionTargetStep.introspects(
                                    c.document().dataProvider().introspectionCertificate(), caller)
                            || IntrospectionTargetStep.uploadedFor(uploaded.apply(c.id()), caller))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The answer about one VI for an authenticated caller.
     *
     * @param token         the {@code token} parameter
     * @param clientAddress the caller's address, for the trace
     * @param caller        the caller's certificate, validated under D-1
     * @param now           the time of the checks
     */
    public Answer introspect(String token, String clientAddress, ValidatedCertificate caller, Instant now) {
        ValidationResult result = validator.validate(ViRequest.bearer(token, clientAddress, caller, now));
        if (!result.valid()) {
            return new Answer(result, INACTIVE, null);
        }
        Convention convention = result.convention().orElseThrow();
        Boolean used = null;
        if (convention.document().singleUse()) {
            try {
                used = uses.used(result.facts().jti(), result.facts().iss());
            } catch (RuntimeException e) {
                // fail closed, as the API does (IR-11): a VI whose use cannot be known is not reported active
                return new Answer(
                        ValidationResult.failure(
                                ValidationStep.REPLAY,
                                "single-use store unavailable: " + e.getMessage(),
                                null,
                                result.facts(),
                                convention,
                                true),
                        INACTIVE,
                        null);
            }
        }
        return new Answer(result, active(result, convention, used), used);
    }

    /**
     * RFC 7662 §2.2: {@code active}, {@code scope}, {@code client_id}, {@code token_type}, {@code exp}, {@code iat},
     * {@code nbf}, {@code sub}, {@code aud}, {@code iss}, {@code jti}; then the Interops-R claims a data provider
     * checks ({@code azp}, {@code ver}, {@code env}, {@code acr}, {@code auth_time}); and {@code used} for a VI of
     * a single-use convention (issue 17: reported, never used up).
     */
    static String active(ValidationResult result, Convention convention, Boolean used) {
        JsonObject claims = result.claims();
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder().add("active", true);
        b.add("scope", String.join(" ", result.scopes()));
        b.add("client_id", convention.clientId());
        b.add("token_type", "Bearer");
        for (String name :
                List.of("exp", "iat", "nbf", "sub", "aud", "iss", "jti", "azp", "ver", "env", "acr", "auth_time")) {
            JsonValue v = claims.get(name);
            if (v != null) {
                b.add(name, v);
            }
        }
        if (used != null) {
            b.add("used", used);
        }
        return b.build().toString();
    }
}
