package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.provider.Fixtures.ViSpec;
import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConventionStepTest {

    private final ConventionSpec specA = new ConventionSpec("conv-a", "https://idp-a.test.example/");
    private final Convention a = specA.convention(3);
    private final ConventionIndex index = ConventionIndex.of(List.of(a), 1);
    private final ConventionStep step = new ConventionStep(() -> index);

    /** The VI's claims and facts as step 6 leaves them, nothing found yet. */
    private static ValidationContext claims(ViSpec vi) {
        ValidationContext c = found(ConventionIndex.of(List.of(), 1), null, vi, Fixtures.request("unused"));
        c.index = null;
        return c;
    }

    @Test
    void theOneActiveConventionIsFound() {
        ValidationContext c = claims(specA.vi());
        passes(step, c);
        assertSame(a, c.convention);
        assertSame(index, c.index);
        passes(step, claims(specA.vi().claim("jti", "x".repeat(128)).without("sub")));
    }

    @Test
    void theRequiredClaimsAreNonEmptyStrings() {
        for (String claim : List.of("iss", "aud", "azp", "ver", "jti")) {
            fails(step, claims(specA.vi().without(claim)), "claim " + claim + " is missing (IR-10)");
            fails(step, claims(specA.vi().claim(claim, 12)), "claim " + claim + " is a number, not a string (IR-10)");
            fails(step, claims(specA.vi().claim(claim, "")), "claim " + claim + " is empty (IR-10)");
        }
        fails(
                step,
                claims(specA.vi()
                        .claim("aud", Json.createArrayBuilder().add(specA.spId).build())),
                "claim aud is an array, not a string");
    }

    @Test
    void jtiIsPrintableUsAsciiOfAtMost128Characters() {
        fails(
                step,
                claims(specA.vi().claim("jti", "x".repeat(129))),
                "is not 1..128 printable US-ASCII characters (IR-10: an RFC 4122 id)");
        fails(step, claims(specA.vi().claim("jti", "uuid:a b")), "claim jti \"uuid:a b\"");
        fails(step, claims(specA.vi().claim("jti", "uuid:\u00e9")), "printable US-ASCII");
    }

    @Test
    void subIsAStringWhenPresent() {
        fails(step, claims(specA.vi().claim("sub", true)), "claim sub is a boolean, not a string (IR-10)");
    }

    @Test
    void noActiveConventionIsRefusedNamingTheLookup() {
        Verdict.Failure f = fails(step, claims(specA.vi().claim("ver", "2.0")));
        assertEquals(
                "no active convention for iss \"https://idp-a.test.example/\", aud \"https://sp.test.example/conv-a\","
                        + " azp \"" + Fixtures.SERVICE + "\", ver \"2.0\"",
                f.detail());
        assertNull(f.publicReason());
        fails(new ConventionStep(() -> null), claims(specA.vi()), "no active convention");
        // an iss too long for the trace is not looked up
        fails(step, claims(specA.vi().claim("iss", "https://" + "i".repeat(600))), "for iss null");
        ConventionSpec suspended = new ConventionSpec("conv-s", "https://idp-s.test.example/");
        suspended.status = "suspended";
        ConventionIndex withSuspended = ConventionIndex.of(List.of(a, suspended.convention()), 1);
        fails(new ConventionStep(() -> withSuspended), claims(suspended.vi()), "no active convention");
    }

    @Test
    void twoActiveConventionsForTheSameClaimsAreRefused() {
        ConventionSpec twin = new ConventionSpec("conv-twin", specA.issuer);
        twin.spId = specA.spId;
        twin.clientId = specA.clientId + "-2";
        ConventionIndex both = ConventionIndex.of(List.of(a, twin.convention()), 1);
        fails(new ConventionStep(() -> both), claims(specA.vi()), "2 active conventions (");
    }

    @Test
    void theIndexIsAskedAtEachCallAndItsFailureReachesTheValidator() {
        int[] asked = {0};
        ConventionStep counting = new ConventionStep(() -> {
            asked[0]++;
            return index;
        });
        passes(counting, claims(specA.vi()));
        passes(counting, claims(specA.vi()));
        assertEquals(2, asked[0]);
        // the validator turns this into a refusal at CONVENTION
        ConventionStep failing = new ConventionStep(() -> {
            throw new IllegalStateException("db down");
        });
        assertThrows(IllegalStateException.class, () -> failing.check(claims(specA.vi())));
    }
}
