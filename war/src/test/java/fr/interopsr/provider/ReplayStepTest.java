package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.NOW;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.interopsr.provider.Fixtures.ConventionSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayStepTest {

    private static final Instant UNTIL = NOW.plusSeconds(420);

    private final ConventionSpec once = new ConventionSpec("conv-once", "https://idp-once.test.example/");
    private final ConventionSpec reusable = new ConventionSpec("conv-a", "https://idp-a.test.example/");

    ReplayStepTest() {
        once.singleUse = true;
    }

    /** As step 10 leaves it: accepted until exp + skew. */
    private static ValidationContext presented(ConventionSpec spec, String jti) {
        ValidationContext c = found(spec.convention(), spec.vi().claim("jti", jti));
        c.acceptedUntil = UNTIL;
        return c;
    }

    @Test
    void theFirstPresentationPassesAndTheGuardKeepsItUntilExpPlusSkew() {
        Set<String> seen = new HashSet<>();
        List<Instant> until = new ArrayList<>();
        ReplayStep step = new ReplayStep((jti, iss, expiresAt) -> {
            until.add(expiresAt);
            return seen.add(iss + " " + jti);
        });
        passes(step, presented(once, "uuid:1"));
        assertEquals(Set.of("https://idp-once.test.example/ uuid:1"), seen);
        assertEquals(List.of(UNTIL), until);
        passes(step, presented(once, "uuid:2"));
    }

    @Test
    void aSecondPresentationIsRefused() {
        Set<String> seen = new HashSet<>();
        ReplayStep step = new ReplayStep((jti, iss, expiresAt) -> seen.add(iss + " " + jti));
        passes(step, presented(once, "uuid:1"));
        fails(
                step,
                presented(once, "uuid:1"),
                "jti \"uuid:1\" of \"https://idp-once.test.example/\" already used; the convention is single use"
                        + " (IR-11)");
    }

    @Test
    void aGuardThatCannotAnswerRefuses() {
        ReplayStep step = new ReplayStep((jti, iss, expiresAt) -> {
            throw new IllegalStateException("database down");
        });
        fails(step, presented(once, "uuid:1"), "single-use store unavailable: database down");
    }

    @Test
    void reusableConventionsNeverAskTheGuard() {
        int[] asked = {0};
        ReplayStep step = new ReplayStep((jti, iss, expiresAt) -> {
            asked[0]++;
            return false;
        });
        passes(step, presented(reusable, "uuid:1"));
        passes(step, presented(reusable, "uuid:1"));
        assertEquals(0, asked[0]);
    }
}
