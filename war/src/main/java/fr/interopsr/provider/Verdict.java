package fr.interopsr.provider;

/**
 * What one {@link Step} says about a VI: {@link #PASS}, or a {@link Failure} naming the step that refused it. A pass
 * allocates nothing.
 */
sealed interface Verdict permits Verdict.Pass, Verdict.Failure {

    /** The step holds; the validator goes on to the next. */
    Verdict PASS = Pass.PASS;

    /** The request carries no VI at all (IR-8: a challenge without {@code error}); only {@link TransportStep}. */
    Verdict NO_VI = new Failure(ValidationStep.TRANSPORT, "no VI in the request", "no VI", true);

    /** The one value of a pass. */
    enum Pass implements Verdict {
        PASS
    }

    /**
     * A refusal.
     *
     * @param step         the step that refused
     * @param detail       the exact reason, for the trace only (IR-19)
     * @param publicReason what the caller may read when the step discloses it (D-12), or null
     * @param viMissing    true only for {@link #NO_VI}
     */
    record Failure(ValidationStep step, String detail, String publicReason, boolean viMissing) implements Verdict {}
}
