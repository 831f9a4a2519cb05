package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.NOW;
import static fr.interopsr.provider.StepTesting.context;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransportStepTest {

    private final TransportStep step = new TransportStep();

    @Test
    void aViInAuthorizationBearerPasses() {
        passes(step, context("a.b.c"));
        passes(step, new ValidationContext(ViRequest.fromHttp(List.of("Bearer a.b.c"), false, false, null, null, NOW)));
    }

    @Test
    void noRequestIsRefused() {
        Verdict.Failure f = fails(step, new ValidationContext(null), "no request");
        assertEquals("no VI", f.publicReason());
    }

    @Test
    void aTransportFailureIsRefusedWithItsReason() {
        ViRequest twice = ViRequest.fromHttp(List.of("Bearer a.b.c", "Bearer a.b.c"), false, false, null, null, NOW);
        Verdict.Failure f = fails(step, new ValidationContext(twice), "2 Authorization headers");
        assertEquals(twice.transportFailure(), f.detail());
        assertEquals("the VI must be sent once, in Authorization: Bearer only", f.publicReason());
        fails(step, new ValidationContext(ViRequest.fromHttp(List.of(), true, false, null, null, NOW)), "query");
    }

    @Test
    void noViAtAllIsFlaggedForAChallengeWithoutError() {
        Verdict v = step.check(new ValidationContext(ViRequest.fromHttp(List.of(), false, false, null, null, NOW)));
        assertSame(Verdict.NO_VI, v);
        assertEquals(true, ((Verdict.Failure) v).viMissing());
        assertEquals(ValidationStep.TRANSPORT, ((Verdict.Failure) v).step());
    }
}
