package fr.interopsr.provider;

import static fr.interopsr.provider.StepTesting.context;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.json;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;

class HeaderMembersStepTest {

    private final HeaderMembersStep step = new HeaderMembersStep();

    private static ValidationContext header(String json) {
        ValidationContext c = context("unused");
        c.header = json(json);
        return c;
    }

    private void refused(String header, String detailPart, String publicReason) {
        assertEquals(publicReason, fails(step, header(header), detailPart).publicReason(), header);
    }

    @Test
    void theAlgorithmsOfD9WithTypJwtAndAStringKidPass() {
        ValidationContext c = header("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"k-1\"}");
        passes(step, c);
        assertEquals(JWSAlgorithm.ES256, c.algorithm);
        assertEquals("k-1", c.keyId);
        for (String alg : new String[] {"RS256", "PS256", "ES384"}) {
            ValidationContext other = header("{\"alg\":\"" + alg + "\"}");
            passes(step, other);
            assertEquals(alg, other.algorithm.getName());
            assertNull(other.keyId);
        }
        passes(step, header("{\"alg\":\"ES256\",\"typ\":\"jwt\"}"));
        passes(step, header("{\"alg\":\"ES256\",\"typ\":\"application/jwt\"}"));
    }

    @Test
    void algMustBeAString() {
        refused("{}", "no alg in the JOSE header", "the JOSE header needs an alg");
        refused("{\"alg\":256}", "alg is a number, not a string", "the JOSE header needs an alg");
        refused("{\"alg\":null}", "alg is null, not a string", "the JOSE header needs an alg");
    }

    @Test
    void noneAndHmacAreRefusedByName() {
        refused("{\"alg\":\"none\"}", "alg \"none\": an unsigned VI is forbidden (IR-9, D-9)", "alg none is forbidden");
        refused("{\"alg\":\"NONE\"}", "an unsigned VI is forbidden", "alg none is forbidden");
        refused(
                "{\"alg\":\"HS256\"}",
                "alg \"HS256\": symmetric algorithms are forbidden (IR-9, D-9)",
                "symmetric algorithms are forbidden");
        refused("{\"alg\":\"hs512\"}", "symmetric algorithms are forbidden", "symmetric algorithms are forbidden");
    }

    @Test
    void otherAlgorithmsAreRefused() {
        for (String alg : new String[] {"RS512", "ES512", "EdDSA", "es256"}) {
            refused(
                    "{\"alg\":\"" + alg + "\"}",
                    "is not one of ES256, RS256, PS256, ES384 (D-9)",
                    "the JOSE header's alg is not allowed");
        }
    }

    @Test
    void typOtherThanJwtIsRefused() {
        refused(
                "{\"alg\":\"ES256\",\"typ\":\"JOSE\"}",
                "typ is \"JOSE\", not JWT (IR-9)",
                "the JOSE header's typ must be JWT");
        refused("{\"alg\":\"ES256\",\"typ\":1}", "typ is 1, not JWT", "the JOSE header's typ must be JWT");
    }

    @Test
    void critIsRefused() {
        refused(
                "{\"alg\":\"ES256\",\"crit\":[\"exp\"],\"exp\":1}",
                "no header extension is understood (RFC 7515 §4.1.11)",
                "the JOSE header's crit is refused");
        refused("{\"alg\":\"ES256\",\"crit\":[]}", "crit []", "the JOSE header's crit is refused");
    }

    @Test
    void kidMustBeAString() {
        refused(
                "{\"alg\":\"ES256\",\"kid\":7}",
                "kid is a number, not a string",
                "the JOSE header's kid must be a string");
        refused("{\"alg\":\"ES256\",\"kid\":[\"a\"]}", "kid is an array", "the JOSE header's kid must be a string");
    }
}
