package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.context;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderDecodeStepTest {

    private final HeaderDecodeStep step = new HeaderDecodeStep();

    private static ValidationContext header(String segment) {
        ValidationContext c = context("unused");
        c.headerSegment = segment;
        return c;
    }

    @Test
    void strictBase64urlPasses() {
        ValidationContext c = header(Fixtures.b64("{\"alg\":\"ES256\"}"));
        passes(step, c);
        assertArrayEquals("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8), c.headerBytes);
        ValidationContext empty = header("");
        passes(step, empty);
        assertEquals(0, empty.headerBytes.length);
    }

    @Test
    void otherAlphabetsPaddingWrongLengthsAndNonCanonicalEncodingsAreRefused() {
        for (String bad : new String[] {"eyJ+", "eyJ/", "eyJ~", "e30=", "eyJhb", "e31"}) {
            Verdict.Failure f = fails(step, header(bad), "the JOSE header is not strict base64url (RFC 7515 §2)");
            assertEquals("the JOSE header is not base64url", f.publicReason());
        }
    }
}
