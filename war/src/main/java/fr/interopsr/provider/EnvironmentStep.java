package fr.interopsr.provider;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * {@link ValidationStep#ENVIRONMENT}, Interops-R §3.5.2 step 13: {@code env} is a string equal to the convention's
 * {@code environment}, case-sensitively.
 */
final class EnvironmentStep extends Step {

    EnvironmentStep() {
        super(ValidationStep.ENVIRONMENT);
    }

    @Override
    Verdict check(ValidationContext context) {
        String environment = context.document().environment();
        // step 13
        JsonValue env = context.claims.get("env");
        if (!(env instanceof JsonString envString) || !envString.getString().equals(environment)) {
            return fail("env " + Shown.json(env) + " is not the convention's environment " + Shown.text(environment));
        }
        return Verdict.PASS;
    }
}
