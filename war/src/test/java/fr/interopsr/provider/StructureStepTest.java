package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.context;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StructureStepTest {

    private final StructureStep step = new StructureStep();

    @Test
    void threeSegmentsOfB64tokenCharactersPass() {
        ValidationContext c = context("ab-_.cd~+/.ef==");
        passes(step, c);
        assertEquals("ab-_", c.headerSegment);
        assertEquals("cd~+/", c.payloadSegment);
        assertEquals("ef==", c.signatureSegment);
        ValidationContext empty = context("..");
        passes(step, empty);
        assertEquals("", empty.payloadSegment);
    }

    @Test
    void anEmptyViIsRefused() {
        Verdict.Failure f = fails(step, context(""), "empty VI");
        assertEquals("the VI is empty", f.publicReason());
    }

    @Test
    void charactersOutsideB64tokenAreRefused() {
        Verdict.Failure f = fails(step, context("a#.b.c"), "character U+0023 at offset 1 is not a b64token character");
        assertEquals("the VI holds characters outside those of a Bearer token (IR-7)", f.publicReason());
        fails(step, context("a=.b.c"), "U+003D at offset 1"); // '=' only at the end
        fails(step, context("a.b.c\u00e9"), "U+00E9");
        fails(step, context("=="), "the VI is only '='");
    }

    @Test
    void anythingButTwoDotsIsRefused() {
        Verdict.Failure f = fails(step, context("a.b"), "1 '.' in the VI; a JWS compact serialisation has exactly 2");
        assertEquals("the VI must be a JWS compact serialisation with exactly two '.'", f.publicReason());
        fails(step, context("abc"), "0 '.'");
        fails(step, context("a.b.c.d"), "3 '.'");
        fails(step, context("a.b.c."), "3 '.'");
    }
}
