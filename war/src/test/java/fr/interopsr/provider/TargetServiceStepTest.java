package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;

import fr.interopsr.provider.Fixtures.ConventionSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetServiceStepTest {

    private final ConventionSpec spec = new ConventionSpec("conv-a", "https://idp-a.test.example/");

    @Test
    void aServiceOfThisDataProviderPasses() {
        passes(
                new TargetServiceStep(Set.of(Fixtures.SERVICE, "https://dp.test.example/other")),
                found(spec.convention(), spec.vi()));
    }

    @Test
    void anotherServiceIsRefused() {
        fails(
                new TargetServiceStep(Set.of("https://dp.test.example/other")),
                found(spec.convention(), spec.vi()),
                "azp \"" + Fixtures.SERVICE
                        + "\" is not a service of this data provider [https://dp.test.example/other]");
        fails(new TargetServiceStep(Set.of()), found(spec.convention(), spec.vi()), "[]");
    }
}
