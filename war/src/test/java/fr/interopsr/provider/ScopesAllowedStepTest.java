package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;

import fr.interopsr.provider.Fixtures.ConventionSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesAllowedStepTest {

    private final ScopesAllowedStep step = new ScopesAllowedStep();
    private final ConventionSpec spec = new ConventionSpec("conv-a", "https://idp-a.test.example/");

    private ValidationContext scopes(String... scopes) {
        ValidationContext c = found(spec.convention(), spec.vi());
        c.scopes = List.of(scopes);
        return c;
    }

    @Test
    void scopesOfTheConventionPass() {
        passes(step, scopes("urn:test:conv-a:1.0:read", "urn:test:conv-a:1.0:write"));
        passes(step, scopes("urn:test:conv-a:1.0:write"));
    }

    @Test
    void aScopeTheConventionDoesNotListIsRefused() {
        fails(
                step,
                scopes("urn:test:conv-a:1.0:read", "urn:test:conv-a:1.0:admin"),
                "scope \"urn:test:conv-a:1.0:admin\" is not allowed by convention conv-a [urn:test:conv-a:1.0:read,"
                        + " urn:test:conv-a:1.0:write]");
    }
}
