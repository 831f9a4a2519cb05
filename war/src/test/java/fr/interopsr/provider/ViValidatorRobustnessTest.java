package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.b64;
import static fr.interopsr.provider.Fixtures.ec;
import static fr.interopsr.provider.Fixtures.request;
import static fr.interopsr.provider.Fixtures.sign;
import static fr.interopsr.provider.Fixtures.validator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import fr.interopsr.convention.Convention;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** No input makes {@link ViValidator#validate} throw, hang or accept what it should not. */
class ViValidatorRobustnessTest {

    private final ECKey key = ec("k");
    private final ConventionSpec spec = new ConventionSpec("conv-r", "https://idp-r.test.example/").keys(key);
    private final Convention convention = spec.convention();
    private final ViValidator validator = validator(List.of(convention));

    private ValidationResult safely(String vi) {
        ValidationResult r = validator.validate(request(vi));
        assertNotNull(r);
        if (!r.valid()) {
            assertNotNull(r.failedStep().orElseThrow());
            assertNotNull(r.error().orElseThrow());
            assertNotNull(r.detail());
            String d = r.publicDescription();
            assertTrue(d.chars().allMatch(c -> c >= 0x20 && c < 0x7f), () -> "US-ASCII description: " + d);
        }
        return r;
    }

    @Test
    void garbageNeverThrows() {
        List<String> inputs = new ArrayList<>(List.of(
                "",
                ".",
                "..",
                "...",
                "....",
                "\u0000",
                "\u0000.\u0000.\u0000",
                "a.b.c",
                "=.=.=",
                "e30.e30.",
                "e30.e30.e30",
                "bnVsbA.bnVsbA.AA",
                "W10.W10.AA",
                "MQ.MQ.AA",
                "\ud800.\udc00.x",
                "\uffff",
                "Bearer x",
                "eyJhbGciOiJFUzI1NiJ9..",
                ".".repeat(100_000),
                "A".repeat(100_000),
                "A.".repeat(8000) + "A",
                "+/+/.~~~~.====",
                "a.b.c=",
                "a.b.=",
                b64("{\"alg\":\"ES256\"}") + "." + b64("{}") + ".",
                b64("{\"alg\":\"ES256\"}") + "." + b64("null") + ".A",
                b64("{\"alg\":\"ES256\",\"kid\":" + "9".repeat(5000) + "}") + ".e30.AAAA",
                b64("{\"alg\":\"ES256\",\"x\":1e999999999}") + ".e30.AAAA",
                b64("{\"alg\":\"ES256\"}") + "." + b64("{\"exp\":1e999999999,\"iss\":1e-999999999}") + ".AAAA",
                b64("{\"alg\":\"ES256\"}") + "." + b64("[".repeat(5000)) + ".AAAA",
                b64("{\"alg\":\"ES256\"}") + "." + b64("{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001))
                        + ".AAAA"));
        inputs.add(null);
        for (String input : inputs) {
            ValidationResult r = safely(input);
            assertFalse(r.valid(), () -> "accepted " + input);
        }
    }

    @Test
    void randomStringsNeverThrow() {
        Random random = new Random(20250601);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/= \u0000\u00e9{}\"";
        for (int i = 0; i < 3000; i++) {
            int length = random.nextInt(i % 100 == 0 ? 20_000 : 300);
            StringBuilder b = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                b.append(
                        random.nextInt(50) == 0
                                ? (char) random.nextInt(0x10000)
                                : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertFalse(safely(b.toString()).valid());
        }
    }

    @Test
    void mutationsOfAValidViAreAllRefused() {
        String vi = spec.vi().signedWith(key);
        assertTrue(safely(vi).valid());
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/~";
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder(vi);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String mutated = b.toString();
            if (mutated.equals(vi)) {
                continue;
            }
            ValidationResult r = safely(mutated);
            assertFalse(r.valid(), () -> "accepted a mutation: " + mutated);
            refused++;
        }
        assertTrue(refused > 2900);
    }

    @Test
    void wrongTypesAndHugeNumbersInSignedVisAreRefusedNotThrown() {
        List<Object> odd = List.of(
                new BigDecimal("1e400"),
                new BigDecimal("-1e400"),
                new BigDecimal("1e-400"),
                new BigDecimal("123456789012345678901234567890.5"),
                0,
                -1,
                true,
                "",
                "\u0000",
                Json.createArrayBuilder().add(1).build(),
                Json.createObjectBuilder().add("a", "b").build(),
                JsonValue.NULL,
                "x".repeat(5000));
        for (String claim : List.of(
                "jti", "sub", "iat", "nbf", "exp", "iss", "ver", "aud", "scp", "env", "azp", "acr", "auth_time")) {
            for (Object value : odd) {
                String vi = spec.vi().claim(claim, value).signedWith(key);
                ValidationResult r = safely(vi);
                if (r.valid()) {
                    // only harmless values of optional claims can pass
                    boolean harmless = List.of("sub", "nbf").contains(claim)
                            || claim.equals("auth_time")
                                    && value instanceof Number n
                                    && new BigDecimal(n.toString()).signum() >= 0
                                    && new BigDecimal(n.toString())
                                                    .compareTo(BigDecimal.valueOf(Fixtures.NOW.getEpochSecond()))
                                            <= 0;
                    assertTrue(harmless, () -> claim + "=" + value + " accepted");
                }
            }
        }
        // header members of the wrong type
        for (Object value : odd) {
            for (String member : List.of("alg", "typ", "kid", "crit")) {
                String header = Json.createObjectBuilder()
                        .add("alg", "ES256")
                        .add(member, Fixtures.json(value))
                        .build()
                        .toString();
                assertFalse(
                        safely(sign(key, JWSAlgorithm.ES256, header, spec.vi().payloadJson()))
                                .valid());
            }
        }
    }

    @Test
    void largeInputsAreRefusedQuickly() {
        Instant start = Instant.now();
        for (int i = 0; i < 200; i++) {
            assertEquals(
                    ValidationStep.SIZE,
                    safely("A".repeat(100 * 1024)).failedStep().orElseThrow());
        }
        String justUnder = b64("{\"alg\":\"ES256\"}") + "." + "A".repeat(16_000) + ".AAAA";
        for (int i = 0; i < 200; i++) {
            assertFalse(safely(justUnder).valid());
        }
        assertTrue(Duration.between(start, Instant.now()).toSeconds() < 20);
    }
}
