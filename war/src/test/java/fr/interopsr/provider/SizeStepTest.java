package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.context;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizeStepTest {

    @Test
    void aViAtTheCapPasses() {
        passes(new SizeStep(10), context("x".repeat(10)));
        passes(new SizeStep(10), context(""));
    }

    @Test
    void aViOverTheCapIsRefused() {
        Verdict.Failure f = fails(new SizeStep(10), context("x".repeat(11)));
        assertEquals("VI of 11 characters, over the cap of 10 (D-13)", f.detail());
        assertEquals("the VI is larger than 10 bytes", f.publicReason());
    }
}
