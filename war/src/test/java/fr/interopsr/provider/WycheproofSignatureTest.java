package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.util.Base64URL;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link SignatureCheck} and the signature step (§3.5.2 steps 1-5, 14, 15) against Project Wycheproof
 * (the vectors are vendored unmodified in {@code src/test/resources/wycheproof/}, with their Apache-2.0
 * {@code LICENSE} and a {@code NOTICE}, and read from the test classpath): every {@code valid} accepted, every
 * {@code invalid} rejected, {@code acceptable} either way, never an exception.
 */
class WycheproofSignatureTest {

    private static final SignatureCheck CHECK = new SignatureCheck();
    /** The algorithms of the "convention" the JWS vectors are checked under. */
    private static final Set<JWSAlgorithm> CONVENTION_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

    private static JsonObject load(String name) throws IOException {
        InputStream in = WycheproofSignatureTest.class.getResourceAsStream("/wycheproof/" + name);
        if (in == null) {
            throw new FileNotFoundException("test resource /wycheproof/" + name);
        }
        try (in;
                JsonReader r = Json.createReader(in)) {
            return r.readObject();
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** Counts per expected result, and the failures. */
    private static final class Tally {
        final TreeMap<String, Integer> counts = new TreeMap<>();
        final List<String> failures = new ArrayList<>();

        void record(String file, int tcId, String expected, boolean accepted) {
            counts.merge(expected + (accepted ? " accepted" : " rejected"), 1, Integer::sum);
            boolean ok =
                    switch (expected) {
                        case "valid" -> accepted;
                        case "invalid" -> !accepted;
                        default -> true; // acceptable
                    };
            if (!ok) {
                failures.add(file + " tcId " + tcId + " expected " + expected + " but "
                        + (accepted ? "accepted" : "rejected"));
            }
        }

        void assertClean(String file, int total) {
            System.out.println("Wycheproof " + file + ": " + counts);
            assertEquals(
                    total, counts.values().stream().mapToInt(Integer::intValue).sum(), "every vector checked");
            assertTrue(failures.isEmpty(), failures::toString);
        }
    }

    @Test
    void ecdsaP256Sha256P1363() throws IOException {
        String file = "ecdsa_secp256r1_sha256_p1363_test.json";
        JsonObject suite = load(file);
        Tally tally = new Tally();
        for (JsonValue g : suite.getJsonArray("testGroups")) {
            JsonObject group = g.asJsonObject();
            JWK key = ecKey(group);
            for (JsonValue t : group.getJsonArray("tests")) {
                JsonObject test = t.asJsonObject();
                boolean accepted =
                        CHECK.verifies(JWSAlgorithm.ES256, key, hex(test.getString("msg")), hex(test.getString("sig")));
                tally.record(file, test.getInt("tcId"), test.getString("result"), accepted);
            }
        }
        tally.assertClean(file, suite.getInt("numberOfTests"));
    }

    /** The group's JWK, or one built from the uncompressed point when the group has none. */
    private static JWK ecKey(JsonObject group) {
        try {
            if (group.containsKey("publicKeyJwk")) {
                return JWK.parse(group.getJsonObject("publicKeyJwk").toString());
            }
            JsonObject pk = group.getJsonObject("publicKey");
            return new ECKey.Builder(Curve.P_256, coordinate(pk.getString("wx")), coordinate(pk.getString("wy")))
                    .build();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Base64URL coordinate(String hex) {
        byte[] raw = new BigInteger(hex, 16).toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return Base64URL.encode(out);
    }

    @Test
    void rsaPkcs1Sha256() throws Exception {
        String file = "rsa_signature_2048_sha256_test.json";
        JsonObject suite = load(file);
        Tally tally = new Tally();
        for (JsonValue g : suite.getJsonArray("testGroups")) {
            JsonObject group = g.asJsonObject();
            JWK key = JWK.parse(group.getJsonObject("keyJwk").toString());
            for (JsonValue t : group.getJsonArray("tests")) {
                JsonObject test = t.asJsonObject();
                boolean accepted =
                        CHECK.verifies(JWSAlgorithm.RS256, key, hex(test.getString("msg")), hex(test.getString("sig")));
                tally.record(file, test.getInt("tcId"), test.getString("result"), accepted);
            }
        }
        tally.assertClean(file, suite.getInt("numberOfTests"));
    }

    /**
     * The JWS vectors through the validator's own parsing (steps 1-5), algorithm (14) and signature (15) steps, under
     * a convention allowing ES256 and RS256 with the group's public key as its key set. The payloads are not VI claims
     * (step 6 is not applied). Groups whose key is for ES256/RS256 must give Wycheproof's result; the others (HMAC,
     * PS*, RS384/512, ES512, no public key) must all be refused.
     */
    @Test
    void jsonWebSignatures() throws Exception {
        String file = "json_web_signature_test.json";
        JsonObject suite = load(file);
        Tally ours = new Tally();
        Tally others = new Tally();
        TreeMap<String, Integer> otherExpected = new TreeMap<>();
        for (JsonValue g : suite.getJsonArray("testGroups")) {
            JsonObject group = g.asJsonObject();
            JWK key = group.containsKey("public")
                    ? JWK.parse(group.getJsonObject("public").toString())
                    : null;
            JWKSet keys = key == null ? new JWKSet() : new JWKSet(key);
            boolean esOrRs = key != null
                    && (key.getAlgorithm() == null
                            ? KeyType.RSA.equals(key.getKeyType())
                                    || (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()))
                            : Set.of("ES256", "RS256")
                                    .contains(key.getAlgorithm().getName()));
            for (JsonValue t : group.getJsonArray("tests")) {
                JsonObject test = t.asJsonObject();
                boolean accepted = accepts(test.getString("jws"), keys);
                if (esOrRs) {
                    ours.record(file + " (ES256/RS256 keys)", test.getInt("tcId"), test.getString("result"), accepted);
                } else {
                    others.record(file + " (other keys)", test.getInt("tcId"), "invalid", accepted);
                    otherExpected.merge(test.getString("result"), 1, Integer::sum);
                }
            }
        }
        System.out.println("Wycheproof " + file + " ES256/RS256 keys: " + ours.counts);
        System.out.println("Wycheproof " + file + " other keys, all to be refused: " + others.counts
                + " (Wycheproof results of those: " + otherExpected + ")");
        assertTrue(ours.failures.isEmpty(), ours.failures::toString);
        assertTrue(others.failures.isEmpty(), others.failures::toString);
        int total = ours.counts.values().stream().mapToInt(Integer::intValue).sum()
                + others.counts.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(suite.getInt("numberOfTests"), total);
    }

    /** Steps 1-5 of the validator, in its order. */
    private static final List<Step> JWS_STEPS = List.of(
            new StructureStep(),
            new HeaderDecodeStep(),
            new HeaderJsonStep(ViValidator.DEFAULT_MAX_VI_BYTES),
            new HeaderMembersStep(),
            new PayloadDecodeStep());

    /** Steps 1-5, 14 and 15 of the validator on a compact JWS. */
    private static boolean accepts(String compact, JWKSet keys) {
        if (compact.length() > ViValidator.DEFAULT_MAX_VI_BYTES) {
            return false;
        }
        ValidationContext parsed = new ValidationContext(ViRequest.bearer(compact, null, null, Instant.EPOCH));
        for (Step step : JWS_STEPS) {
            if (step.check(parsed) != Verdict.PASS) {
                return false;
            }
        }
        if (!CONVENTION_ALGORITHMS.contains(parsed.jws.algorithm)) {
            return false;
        }
        return SignatureStep.verify(parsed.jws, keys, CHECK).verified();
    }

    @Test
    void malformedInputsNeverThrow() throws Exception {
        JWK ec = Fixtures.ec("k");
        JWK rsa = Fixtures.rsa("r");
        byte[] msg = "m".getBytes();
        for (JWSAlgorithm alg : List.of(
                JWSAlgorithm.ES256,
                JWSAlgorithm.RS256,
                JWSAlgorithm.PS256,
                JWSAlgorithm.ES384,
                JWSAlgorithm.HS256,
                JWSAlgorithm.EdDSA,
                new JWSAlgorithm("none"))) {
            for (JWK key : new JWK[] {
                ec,
                rsa,
                ec.toPublicJWK(),
                null,
                JWK.parse("{\"kty\":\"oct\",\"k\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")
            }) {
                for (byte[] sig : new byte[][] {
                    null, new byte[0], new byte[1], new byte[64], new byte[96], new byte[256], new byte[100_000]
                }) {
                    assertEquals(false, CHECK.verifies(alg, key, msg, sig));
                }
            }
        }
        assertEquals(false, CHECK.verifies(JWSAlgorithm.ES256, ec, null, new byte[64]));
    }
}
