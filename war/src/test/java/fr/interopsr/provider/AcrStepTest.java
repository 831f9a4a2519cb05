package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.NOW;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;

import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.provider.Fixtures.ViSpec;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AcrStepTest {

    private static final long NOW_S = NOW.getEpochSecond();
    private static final long AUTH_TIME = NOW_S - 30;

    private final AcrStep step = new AcrStep();
    private final ConventionSpec eidas2 = new ConventionSpec("conv-acr", "https://idp-acr.test.example/");
    private final ConventionSpec anyLevel = new ConventionSpec("conv-any", "https://idp-any.test.example/");

    AcrStepTest() {
        eidas2.requiredAcr = "eidas2";
    }

    /** As step 10 leaves it: iat now, skew 120 s. */
    private static ValidationContext with(ConventionSpec spec, ViSpec vi) {
        ValidationContext c = found(spec.convention(), vi);
        c.issuedAt = BigDecimal.valueOf(NOW_S);
        c.skewSeconds = BigDecimal.valueOf(120);
        return c;
    }

    @Test
    void aViNotAboutAUserPasses() {
        passes(step, with(eidas2, eidas2.vi()));
    }

    @Test
    void aLevelThatMeetsTheRequiredOnePasses() {
        passes(step, with(eidas2, eidas2.vi().claim("acr", "eidas2").claim("auth_time", AUTH_TIME)));
        passes(step, with(eidas2, eidas2.vi().claim("acr", "eidas3")));
        passes(step, with(eidas2, eidas2.vi().claim("acr", "eidas3").claim("auth_time", NOW_S + 120)));
        passes(step, with(anyLevel, anyLevel.vi().claim("acr", "eidas1").claim("auth_time", AUTH_TIME)));
        passes(step, with(anyLevel, anyLevel.vi().claim("auth_time", 0)));
    }

    @Test
    void aLevelBelowTheRequiredOneIsRefused() {
        fails(
                step,
                with(eidas2, eidas2.vi().claim("acr", "eidas1").claim("auth_time", AUTH_TIME)),
                "acr eidas1 does not meet the convention's eidas2");
    }

    @Test
    void aUserViWithoutAcrIsRefusedWhenALevelIsRequired() {
        fails(
                step,
                with(eidas2, eidas2.vi().claim("auth_time", AUTH_TIME)),
                "a VI about a user (auth_time) without acr; the convention requires eidas2");
    }

    @Test
    void acrMustBeAnEidasLevel() {
        fails(
                step,
                with(anyLevel, anyLevel.vi().claim("acr", "loa-high")),
                "acr \"loa-high\" is not eidas1, eidas2 or eidas3 (IR-10)");
        fails(step, with(eidas2, eidas2.vi().claim("acr", "EIDAS3")), "is not eidas1, eidas2 or eidas3");
        fails(step, with(eidas2, eidas2.vi().claim("acr", 3)), "claim acr is a number, not a string");
    }

    @Test
    void authTimeMustBeANumberBetweenZeroAndIatPlusSkew() {
        fails(
                step,
                with(anyLevel, anyLevel.vi().claim("auth_time", "yesterday")),
                "claim auth_time is a string, not a number");
        fails(
                step,
                with(anyLevel, anyLevel.vi().claim("acr", "eidas3").claim("auth_time", NOW_S + 121)),
                "auth_time " + (NOW_S + 121) + " is not between 0 and iat + skew (the user authenticated before the VI"
                        + " was issued)");
        fails(step, with(anyLevel, anyLevel.vi().claim("auth_time", -1)), "auth_time -1 is not between 0");
    }
}
