package fr.interopsr.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Canonical form and hash used for convention content hashes (IR-20, D-14, D-15). */
class CanonicalJsonTest {

    private static JsonValue parse(String s) {
        return StrictJson.parseValue(s.getBytes(StandardCharsets.UTF_8), 1 << 20)
                .value()
                .orElseThrow();
    }

    @Test
    void sortsMembersRecursivelyAndIsCompact() {
        JsonValue v = parse("{ \"b\" : [ {\"z\":1, \"a\":2} ], \"a\" : {\"y\":null,\"x\":true}, \"B\":\"x\" }");
        assertEquals("{\"B\":\"x\",\"a\":{\"x\":true,\"y\":null},\"b\":[{\"a\":2,\"z\":1}]}", CanonicalJson.write(v));
    }

    @Test
    void memberOrderDoesNotChangeTheHash() {
        JsonValue one = parse("{\"a\":1,\"b\":{\"c\":\"é\",\"d\":[1,2]}}");
        JsonValue two = parse("{\"b\":{\"d\":[1,2],\"c\":\"\\u00e9\"},\"a\":1}");
        assertEquals(CanonicalJson.sha256Hex(one), CanonicalJson.sha256Hex(two));
        JsonValue other = parse("{\"b\":{\"d\":[2,1],\"c\":\"é\"},\"a\":1}");
        assertNotEquals(CanonicalJson.sha256Hex(one), CanonicalJson.sha256Hex(other), "array order matters");
    }

    @Test
    void stringEscapes() {
        JsonObject o = Json.createObjectBuilder()
                .add("s", "q\"b\\s/\b\f\n\r\t\u0001\u007f é 😀 \uD800x")
                .build();
        assertEquals("{\"s\":\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\u007f é 😀 \\ud800x\"}", CanonicalJson.write(o));
    }

    @Test
    void numbersAreWrittenFromTheirValue() {
        assertEquals(
                "[1,1,1000,0.1,0,-2500,0,1E+40,1E-40,123456789012345678901234567890]",
                CanonicalJson.write(parse("[1,1.0,1e3,0.10,0.0,-2.5e3,-0,1e40,1e-40,123456789012345678901234567890]")));
        assertEquals("600", CanonicalJson.number(BigDecimal.valueOf(600)));
    }

    @Test
    void sha256HexIsTheDigestOfTheCanonicalUtf8() throws Exception {
        JsonValue v = parse("{\"b\":\"é\",\"a\":1}");
        byte[] expected =
                MessageDigest.getInstance("SHA-256").digest("{\"a\":1,\"b\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(HexFormat.of().formatHex(expected), CanonicalJson.sha256Hex(v));
        assertEquals(64, CanonicalJson.sha256Hex(JsonValue.EMPTY_JSON_OBJECT).length());
    }

    @Test
    void canonicalTextReadsBackToTheSameCanonicalText() {
        JsonValue v = parse("{\"k\":[{\"y\":\"\\u0000\",\"x\":-0.5},\"😀\"],\"a\":false}");
        String text = CanonicalJson.write(v);
        assertEquals(text, CanonicalJson.write(parse(text)));
    }
}
