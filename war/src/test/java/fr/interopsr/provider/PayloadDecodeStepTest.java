package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.context;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.json;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadDecodeStepTest {

    private final PayloadDecodeStep step = new PayloadDecodeStep();

    private static ValidationContext payload(String segment) {
        ValidationContext c = context("unused");
        c.headerSegment = "eyJhbGciOiJFUzI1NiJ9";
        c.payloadSegment = segment;
        c.signatureSegment = "AAAA";
        c.header = json("{\"alg\":\"ES256\"}");
        c.algorithm = JWSAlgorithm.ES256;
        return c;
    }

    @Test
    void strictBase64urlPassesAndGivesTheJws() {
        ValidationContext c = payload(Fixtures.b64("{\"a\":1}"));
        passes(step, c);
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), c.jws.payload);
        assertEquals(JWSAlgorithm.ES256, c.jws.algorithm);
        assertNull(c.jws.keyId);
        assertArrayEquals(
                ("eyJhbGciOiJFUzI1NiJ9." + Fixtures.b64("{\"a\":1}")).getBytes(StandardCharsets.US_ASCII),
                c.jws.signingInput());
        assertArrayEquals(new byte[3], c.jws.signature());
    }

    @Test
    void otherAlphabetsWrongLengthsAndNonCanonicalEncodingsAreRefused() {
        for (String bad : new String[] {"e3+", "e30~", "AAAAA", "e31", "e30="}) {
            Verdict.Failure f = fails(step, payload(bad), "the payload is not strict base64url (RFC 7515 §2)");
            assertEquals("the VI's payload is not base64url", f.publicReason());
        }
    }
}
