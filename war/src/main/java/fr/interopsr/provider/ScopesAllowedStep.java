package fr.interopsr.provider;

import fr.interopsr.convention.Convention;

/**
 * {@link ValidationStep#SCOPES_ALLOWED}, Interops-R §3.5.2 step 12: every scope of the VI (parsed at step 9,
 * {@link ScopesOneConventionStep}) is in the convention's {@code scopes} (IR-16).
 */
final class ScopesAllowedStep extends Step {

    ScopesAllowedStep() {
        super(ValidationStep.SCOPES_ALLOWED);
    }

    @Override
    Verdict check(ValidationContext context) {
        Convention convention = context.convention;
        // step 12
        for (String scope : context.scopes) {
            if (!convention.document().scopes().contains(scope)) {
                return fail("scope " + Shown.text(scope) + " is not allowed by convention " + convention.id() + " "
                        + convention.document().scopes());
            }
        }
        return Verdict.PASS;
    }
}
