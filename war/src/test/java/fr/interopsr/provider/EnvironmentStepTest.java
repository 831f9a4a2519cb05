package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;

import fr.interopsr.provider.Fixtures.ConventionSpec;
import org.junit.jupiter.api.Test;

class EnvironmentStepTest {

    private final EnvironmentStep step = new EnvironmentStep();
    private final ConventionSpec spec = new ConventionSpec("conv-a", "https://idp-a.test.example/");

    @Test
    void theConventionsEnvironmentPasses() {
        passes(step, found(spec.convention(), spec.vi().claim("env", "test")));
    }

    @Test
    void anotherEnvironmentIsRefusedCaseSensitively() {
        fails(
                step,
                found(spec.convention(), spec.vi().claim("env", "prod")),
                "env \"prod\" is not the convention's environment \"test\"");
        fails(step, found(spec.convention(), spec.vi().claim("env", "TEST")), "env \"TEST\"");
    }

    @Test
    void aMissingOrNonStringEnvIsRefused() {
        fails(step, found(spec.convention(), spec.vi().without("env")), "env absent is not");
        fails(step, found(spec.convention(), spec.vi().claim("env", 1)), "env 1 is not");
    }
}
