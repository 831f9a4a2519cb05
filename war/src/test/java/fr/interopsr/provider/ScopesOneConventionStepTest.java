package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.provider.Fixtures.ViSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesOneConventionStepTest {

    private final ScopesOneConventionStep step = new ScopesOneConventionStep();
    private final ConventionSpec specA = new ConventionSpec("conv-a", "https://idp-a.test.example/");
    private final ConventionSpec specB = new ConventionSpec("conv-b", "https://idp-b.test.example/");
    private final Convention a = specA.convention();
    private final ConventionIndex index = ConventionIndex.of(List.of(a, specB.convention()), 1);

    private ValidationContext scp(Object scp) {
        return found(index, a, specA.vi().claim("scp", scp), Fixtures.request("unused"));
    }

    @Test
    void scopesOfTheConventionPassInOrderWithoutRepeats() {
        ValidationContext c = scp("urn:test:conv-a:1.0:write urn:test:conv-a:1.0:read urn:test:conv-a:1.0:write");
        passes(step, c);
        assertEquals(List.of("urn:test:conv-a:1.0:write", "urn:test:conv-a:1.0:read"), c.scopes);
    }

    @Test
    void aScopeOfNoConventionIsLeftToStep12() {
        ValidationContext c = scp("urn:test:conv-a:1.0:read urn:test:nobody:admin");
        passes(step, c);
        assertEquals(List.of("urn:test:conv-a:1.0:read", "urn:test:nobody:admin"), c.scopes);
    }

    @Test
    void aScopeOfAnotherConventionIsRefused() {
        fails(
                step,
                scp("urn:test:conv-a:1.0:read urn:test:conv-b:1.0:write"),
                "scope \"urn:test:conv-b:1.0:write\" belongs to convention(s) [conv-b], not to conv-a: all scopes must"
                        + " belong to one convention");
    }

    @Test
    void scpMustBeAString() {
        ViSpec without = specA.vi().without("scp");
        fails(step, found(index, a, without, Fixtures.request("unused")), "claim scp is missing (IR-10)");
        fails(step, scp(1), "claim scp is a number, not a string (IR-10)");
    }

    @Test
    void scpMustBeScopesSeparatedBySingleSpaces() {
        for (String bad : List.of(
                "",
                " urn:test:conv-a:1.0:read",
                "urn:test:conv-a:1.0:read ",
                "urn:test:conv-a:1.0:read  urn:test:conv-a:1.0:write",
                "urn:\"x\"",
                "urn:x\\y",
                "urn:test:\u00e9",
                "a\tb")) {
            ValidationContext c = scp(bad);
            fails(step, c, "is not space-separated scopes (IR-1, IR-16)");
            assertNull(c.scopes);
        }
    }
}
