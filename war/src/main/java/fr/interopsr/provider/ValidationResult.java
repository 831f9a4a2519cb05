package fr.interopsr.provider;

import fr.interopsr.convention.Convention;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link ViValidator#validate}: an immutable value, never an exception (§3.5.2, IR-8, IR-19, D-12).
 * <p>
 * On success: the convention (id and revision, D-14), the verified claims, the scopes, the algorithm and key used.
 * On failure: the {@link ValidationStep} that refused, the {@link BearerError}, the exact reason for the trace
 * ({@link #detail()}), the text the caller may see ({@link #publicDescription()}: precise up to step 6, generic from
 * step 7 on, D-12), and what was learned before the failure ({@code jti}, {@code iss}, {@code aud}, {@code azp},
 * convention) for the trace (IR-19).
 */
public final class ValidationResult {

    /** The {@code error_description} of every failure from step 7 on (D-12). */
    public static final String GENERIC_DESCRIPTION = "the VI is not valid for this service";

    private final ValidationStep failedStep;
    private final String detail;
    private final String publicDescription;
    private final boolean viMissing;
    private final Facts facts;
    private final Convention convention;
    private final JsonObject claims;
    private final List<String> scopes;
    private final String algorithm;
    private final String keyId;
    private final boolean signatureVerified;

    /**
     * What the validator learned about the VI before it stopped, for the trace (IR-19); any of them may be null, and
     * is when not a string or longer than the trace columns (jti 128, the others 512 characters).
     *
     * @param jti the {@code jti}, when a string
     * @param iss the {@code iss}, when a string
     * @param aud the {@code aud}, when a string
     * @param azp the {@code azp}, when a string
     */
    public record Facts(String jti, String iss, String aud, String azp) {
        static final Facts NONE = new Facts(null, null, null, null);
    }

    private ValidationResult(
            ValidationStep failedStep,
            String detail,
            String publicDescription,
            boolean viMissing,
            Facts facts,
            Convention convention,
            JsonObject claims,
            List<String> scopes,
            String algorithm,
            String keyId,
            boolean signatureVerified) {
        this.failedStep = failedStep;
        this.detail = detail;
        this.publicDescription = publicDescription;
        this.viMissing = viMissing;
        this.facts = facts == null ? Facts.NONE : facts;
        this.convention = convention;
        this.claims = claims;
        this.scopes = scopes == null ? List.of() : List.copyOf(scopes);
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.signatureVerified = signatureVerified;
    }

    static ValidationResult success(
            Facts facts,
            Convention convention,
            JsonObject claims,
            List<String> scopes,
            String algorithm,
            String keyId) {
        return new ValidationResult(
                null,
                "",
                "",
                false,
                facts,
                Objects.requireNonNull(convention),
                Objects.requireNonNull(claims),
                scopes,
                algorithm,
                keyId,
                true);
    }

    /**
     * A refusal at {@code step}.
     *
     * @param detail           the exact reason, for the trace only
     * @param publicReason     what the caller may read for steps that disclose it (D-12); ignored from step 7 on
     */
    static ValidationResult failure(
            ValidationStep step, String detail, String publicReason, Facts facts, Convention convention) {
        return failure(step, detail, publicReason, facts, convention, false);
    }

    /**
     * A refusal at {@code step}, saying whether the VI's signature verified with its convention's keys all the same
     * (issue 14: the trace keeps such a VI whole).
     */
    static ValidationResult failure(
            ValidationStep step,
            String detail,
            String publicReason,
            Facts facts,
            Convention convention,
            boolean signatureVerified) {
        String description = step.disclosed() && publicReason != null ? publicReason : GENERIC_DESCRIPTION;
        return new ValidationResult(
                Objects.requireNonNull(step),
                detail == null ? "" : detail,
                description,
                false,
                facts,
                convention,
                null,
                List.of(),
                null,
                null,
                signatureVerified);
    }

    static ValidationResult missing() {
        return new ValidationResult(
                ValidationStep.TRANSPORT,
                "no VI in the request",
                "no VI",
                true,
                Facts.NONE,
                null,
                null,
                List.of(),
                null,
                null,
                false);
    }

    /** True when the VI passed every step. */
    public boolean valid() {
        return failedStep == null;
    }

    /** The step that refused the VI; empty on success. */
    public Optional<ValidationStep> failedStep() {
        return Optional.ofNullable(failedStep);
    }

    /** The Bearer error code to answer with; empty on success. */
    public Optional<BearerError> error() {
        return failedStep().map(ValidationStep::error);
    }

    /** The exact reason of the refusal, for the trace only (never for the caller from step 7 on: D-12); "" if valid. */
    public String detail() {
        return detail;
    }

    /**
     * The {@code error_description} the caller may see: precise for transport, size and steps 1-6, the generic
     * {@value #GENERIC_DESCRIPTION} from step 7 on (D-12); "" on success. US-ASCII.
     */
    public String publicDescription() {
        return publicDescription;
    }

    /** True when the request carried no VI at all: IR-8 wants a challenge without {@code error}. */
    public boolean viMissing() {
        return viMissing;
    }

    /** What was learned about the VI ({@code jti}, {@code iss}, {@code aud}, {@code azp}), for the trace. */
    public Facts facts() {
        return facts;
    }

    public Optional<String> jti() {
        return Optional.ofNullable(facts.jti());
    }

    public Optional<String> issuer() {
        return Optional.ofNullable(facts.iss());
    }

    public Optional<String> audience() {
        return Optional.ofNullable(facts.aud());
    }

    /** The convention found at step 7 (on success, the one the VI was accepted under), with its revision (D-14). */
    public Optional<Convention> convention() {
        return Optional.ofNullable(convention);
    }

    public Optional<String> conventionId() {
        return convention().map(Convention::id);
    }

    public Optional<Integer> conventionRevision() {
        return convention().map(Convention::revision);
    }

    /** The verified claims; the empty object on failure (unverified claims are never handed out). */
    public JsonObject claims() {
        return claims == null ? JsonValue.EMPTY_JSON_OBJECT : claims;
    }

    /** The VI's scopes ({@code scp}), in order, without repeats; empty on failure. */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * True when the VI's signature verified with its convention's keys (or this deployment's own, D-7): always on
     * success; on a refusal after step 7, when step 15 passed or, for a refusal before it, when it verified all the
     * same (issue 14). The trace keeps only such a VI whole.
     */
    public boolean signatureVerified() {
        return signatureVerified;
    }

    /** The JWS algorithm of the accepted VI; empty on failure. */
    public Optional<String> algorithm() {
        return Optional.ofNullable(algorithm);
    }

    /** The {@code kid} of the key that verified the VI, when it has one; empty on failure. */
    public Optional<String> keyId() {
        return Optional.ofNullable(keyId);
    }

    @Override
    public String toString() {
        if (valid()) {
            return "ValidationResult[valid, convention=" + convention.id() + "#" + convention.revision() + ", jti="
                    + facts.jti() + ", scopes=" + scopes + "]";
        }
        return "ValidationResult[" + failedStep + " " + failedStep.error().wireName() + ": " + detail + "]";
    }
}
