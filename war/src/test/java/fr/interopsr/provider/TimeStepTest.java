package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.NOW;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.interopsr.convention.Convention;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.provider.Fixtures.ViSpec;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Skew 120 s, lifetime 300 s (the fixtures' convention). */
class TimeStepTest {

    private static final long NOW_S = NOW.getEpochSecond();

    private final TimeStep step = new TimeStep();
    private final ConventionSpec spec = new ConventionSpec("conv-a", "https://idp-a.test.example/");
    private final Convention a = spec.convention();

    private ValidationContext with(ViSpec vi) {
        return found(a, vi);
    }

    @Test
    void aCurrentViPassesAndGivesWhatLaterStepsNeed() {
        ValidationContext c = with(spec.vi());
        passes(step, c);
        assertEquals(BigDecimal.valueOf(NOW_S), c.issuedAt);
        assertEquals(BigDecimal.valueOf(120), c.skewSeconds);
        assertEquals(NOW.plusSeconds(300 + 120), c.acceptedUntil, "exp + skew");
        passes(step, with(spec.vi().without("nbf")));
        // fractional NumericDate: accepted until the next whole second
        ValidationContext fractional = with(spec.vi().claim("exp", new BigDecimal(NOW_S + 100 + ".5")));
        passes(step, fractional);
        assertEquals(NOW.plusSeconds(100 + 120 + 1), fractional.acceptedUntil);
    }

    @Test
    void expAndIatAreRequiredNumbers() {
        fails(step, with(spec.vi().without("exp")), "claim exp is missing (IR-10)");
        fails(step, with(spec.vi().claim("exp", "1748772000")), "claim exp is a string, not a number (IR-10)");
        fails(step, with(spec.vi().without("iat")), "claim iat is missing (IR-10)");
        fails(step, with(spec.vi().claim("iat", true)), "claim iat is a boolean, not a number (IR-10)");
    }

    @Test
    void nbfIsANumberWhenPresent() {
        fails(step, with(spec.vi().claim("nbf", "0")), "claim nbf is a string, not a number");
    }

    @Test
    void expiredBeyondTheSkewIsRefused() {
        passes(
                step,
                with(spec.vi()
                        .claim("iat", NOW_S - 419)
                        .claim("nbf", NOW_S - 419)
                        .claim("exp", NOW_S - 119)));
        fails(
                step,
                with(spec.vi()
                        .claim("iat", NOW_S - 420)
                        .claim("nbf", NOW_S - 420)
                        .claim("exp", NOW_S - 120)),
                "expired: exp " + (NOW_S - 120) + " + skew 120 s <= now " + NOW_S);
    }

    @Test
    void notBeforeBeyondTheSkewIsRefused() {
        passes(step, with(spec.vi().claim("nbf", NOW_S + 120)));
        fails(
                step,
                with(spec.vi().claim("nbf", NOW_S + 121)),
                "not yet valid: nbf " + (NOW_S + 121) + " - skew 120 s > now " + NOW_S);
    }

    @Test
    void issuedInTheFutureBeyondTheSkewIsRefused() {
        fails(
                step,
                with(spec.vi().without("nbf").claim("iat", NOW_S + 200).claim("exp", NOW_S + 400)),
                "issued in the future: iat " + (NOW_S + 200) + " > now " + NOW_S + " + skew 120 s");
    }

    @Test
    void aLifetimeLongerThanTheConventionsIsRefused() {
        passes(step, with(spec.vi().claim("exp", NOW_S + 420)));
        fails(
                step,
                with(spec.vi().claim("exp", NOW_S + 421)),
                "lifetime exp - iat = 421 s exceeds the convention's 300 s + skew 120 s (IR-4)");
        Verdict.Failure huge = fails(
                step,
                with(spec.vi().claim("exp", new BigDecimal("99999999999999999999999999999999999999999999"))),
                "...");
        assertEquals(true, huge.detail().startsWith("lifetime exp - iat = "), huge.detail());
        fails(step, with(spec.vi().claim("iat", new BigDecimal("-1e300"))), "(IR-4)");
        fails(step, with(spec.vi().claim("exp", new BigDecimal("-1e300"))), "expired");
    }
}
