package fr.interopsr.provider;

import java.util.Objects;

/**
 * One check of the data provider's validation, in the style of Nimbus's {@code DefaultJWTClaimsVerifier} and Spring
 * Authorization Server's {@code OAuth2ClientCredentialsAuthenticationValidator}: one rule, one class, and
 * {@link ViValidator} composes them in the order of Interops-R §3.5.2 ({@link ValidationStep}).
 * <p>
 * A step reads what earlier steps established in the {@link ValidationContext}, may add to it, and answers
 * {@link Verdict#PASS} or a {@link Verdict.Failure} that names its own {@link ValidationStep} (a step cannot fail in
 * another's name). A step holds no state of a call: it is built once per validator and shared by every thread.
 */
abstract class Step {

    private final ValidationStep step;

    Step(ValidationStep step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    /** The step this check implements; a failure is reported under it. */
    final ValidationStep step() {
        return step;
    }

    /**
     * Checks one VI.
     *
     * @param context what the earlier steps established; this step may add to it
     * @return {@link Verdict#PASS}, or a failure at {@link #step()}
     */
    abstract Verdict check(ValidationContext context);

    /** A failure at this step; {@code detail} goes to the trace only, the caller reads the generic text (D-12). */
    final Verdict fail(String detail) {
        return new Verdict.Failure(step, detail, null, false);
    }

    /**
     * A failure at this step with what the caller may read ({@code publicReason}), shown only for the steps that
     * disclose it (transport, size, steps 1-6: D-12).
     */
    final Verdict fail(String detail, String publicReason) {
        return new Verdict.Failure(step, detail, publicReason, false);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + step + "]";
    }
}
