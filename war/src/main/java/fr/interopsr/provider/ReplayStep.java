package fr.interopsr.provider;

import java.util.Objects;

/**
 * {@link ValidationStep#REPLAY}, IR-11, last: a VI of a convention whose {@code singleUse} is true is accepted only at
 * its first presentation of ({@code iss}, {@code jti}), recorded by the {@link ReplayGuard} until {@code exp} + skew
 * (established at step 10, {@link TimeStep}). A guard that cannot answer refuses the VI (fail closed). Reusable
 * conventions never ask the guard, and a VI refused earlier never reaches it.
 */
final class ReplayStep extends Step {

    private final ReplayGuard replayGuard;

    /** @param replayGuard single use (IR-11), asked only for single-use conventions */
    ReplayStep(ReplayGuard replayGuard) {
        super(ValidationStep.REPLAY);
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    }

    @Override
    Verdict check(ValidationContext context) {
        // IR-11
        if (!context.document().singleUse()) {
            return Verdict.PASS;
        }
        String jti = context.facts.jti();
        String iss = context.facts.iss();
        boolean first;
        try {
            first = replayGuard.firstUse(jti, iss, context.acceptedUntil);
        } catch (RuntimeException e) {
            return fail("single-use store unavailable: " + e.getMessage());
        }
        if (!first) {
            return fail("jti " + Shown.text(jti) + " of " + Shown.text(iss)
                    + " already used; the convention is single use (IR-11)");
        }
        return Verdict.PASS;
    }
}
