package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.context;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderJsonStepTest {

    private final HeaderJsonStep step = new HeaderJsonStep(ViValidator.DEFAULT_MAX_VI_BYTES);

    private static ValidationContext header(String json) {
        return header(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidationContext header(byte[] bytes) {
        ValidationContext c = context("unused");
        c.headerBytes = bytes;
        return c;
    }

    @Test
    void aJsonObjectPasses() {
        ValidationContext c = header("{\"alg\":\"ES256\",\"kid\":\"k\"}");
        passes(step, c);
        assertEquals("k", c.header.getString("kid"));
    }

    @Test
    void duplicateMembersAreRefused() {
        Verdict.Failure f =
                fails(step, header("{\"alg\":\"ES256\",\"alg\":\"none\"}"), "JOSE header: DUPLICATE_MEMBER");
        assertEquals("the JOSE header is not JSON without duplicate members", f.publicReason());
    }

    @Test
    void anythingButOneUtf8JsonObjectIsRefused() {
        assertEquals(
                "the JOSE header is not JSON", fails(step, header("not json")).publicReason());
        assertEquals("the JOSE header is not JSON", fails(step, header("{} x")).publicReason());
        assertEquals(
                "the JOSE header is not a JSON object",
                fails(step, header("[\"ES256\"]")).publicReason());
        fails(step, header(""), "JOSE header: ");
        assertEquals(
                "the JOSE header is not UTF-8",
                fails(step, header(new byte[] {'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'}))
                        .publicReason());
    }

    @Test
    void aHeaderOverTheCapIsRefused() {
        Verdict.Failure f = fails(new HeaderJsonStep(8), header("{\"alg\":\"ES256\"}"), "TOO_LARGE");
        assertEquals("the JOSE header is not JSON of an acceptable size", f.publicReason());
    }
}
