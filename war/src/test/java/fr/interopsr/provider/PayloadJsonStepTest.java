package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.context;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadJsonStepTest {

    private final PayloadJsonStep step = new PayloadJsonStep(ViValidator.DEFAULT_MAX_VI_BYTES);

    private static ValidationContext payload(String json) {
        return payload(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidationContext payload(byte[] bytes) {
        ValidationContext c = context("unused");
        c.jws = new CompactJws("h", "p", "s", null, JWSAlgorithm.ES256, null, bytes);
        return c;
    }

    @Test
    void aJsonObjectPassesWithTheFactsForTheTrace() {
        ValidationContext c =
                payload("{\"jti\":\"j-1\",\"iss\":\"https://i\",\"aud\":\"https://a\",\"azp\":\"https://z\","
                        + "\"scp\":\"s\"}");
        passes(step, c);
        assertEquals("s", c.claims.getString("scp"));
        assertEquals(new ValidationResult.Facts("j-1", "https://i", "https://a", "https://z"), c.facts);
    }

    @Test
    void factsThatAreNotStringsOrTooLongForTheTraceAreLeftOut() {
        ValidationContext c = payload("{\"jti\":\"" + "j".repeat(129) + "\",\"iss\":1,\"aud\":\"" + "a".repeat(513)
                + "\",\"azp\":\"" + "z".repeat(512) + "\"}");
        passes(step, c);
        assertNull(c.facts.jti());
        assertNull(c.facts.iss());
        assertNull(c.facts.aud());
        assertEquals(512, c.facts.azp().length());
        ValidationContext max = payload("{\"jti\":\"" + "j".repeat(128) + "\"}");
        passes(step, max);
        assertEquals(128, max.facts.jti().length());
    }

    @Test
    void duplicateMembersAreRefusedAndNothingIsLearned() {
        ValidationContext c = payload("{\"jti\":\"j\",\"scp\":\"read\",\"scp\":\"write\"}");
        Verdict.Failure f = fails(step, c, "payload: DUPLICATE_MEMBER \"scp\"");
        assertEquals("the VI's payload is not JSON without duplicate members", f.publicReason());
        assertSame(ValidationResult.Facts.NONE, c.facts);
        assertNull(c.claims);
    }

    @Test
    void anythingButOneUtf8JsonObjectIsRefused() {
        assertEquals("the VI's payload is not JSON", fails(step, payload("")).publicReason());
        assertEquals(
                "the VI's payload is not JSON",
                fails(step, payload("{\"a\":1} {}")).publicReason());
        assertEquals(
                "the VI's payload is not a JSON object",
                fails(step, payload("[1]")).publicReason());
        assertEquals(
                "the VI's payload is not UTF-8",
                fails(step, payload(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}))
                        .publicReason());
        assertEquals(
                "the VI's payload is not JSON of an acceptable depth",
                fails(step, payload("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"))
                        .publicReason());
        fails(new PayloadJsonStep(4), payload("{\"a\":1}"), "payload: TOO_LARGE");
    }
}
