package fr.interopsr.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Proves the strict reading of §3.5.2 steps 3 and 6 (IR-9, IR-10, IR-20). */
class StrictJsonTest {

    private static final int CAP = 16 * 1024;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StrictJsonResult<JsonObject> parse(String s) {
        return StrictJson.parseObject(utf8(s), CAP);
    }

    private static void assertRefused(StrictJsonResult<?> r, StrictJsonError expected) {
        assertFalse(r.isSuccess(), () -> "should be refused, got " + r.value());
        assertEquals(expected, r.error().orElseThrow(), r::describe);
        assertTrue(r.value().isEmpty());
    }

    @Test
    void plainJsonPKeepsOneOfTwoDuplicateMembersButStrictJsonRefuses() {
        String json = "{\"a\":1,\"a\":2}";
        JsonObject lenient = Json.createReader(new StringReader(json)).readObject();
        assertEquals(1, lenient.size(), "the JSON-P reader alone accepts the duplicate silently");

        StrictJsonResult<JsonObject> strict = parse(json);
        assertRefused(strict, StrictJsonError.DUPLICATE_MEMBER);
        assertEquals("a", strict.detail());
        assertEquals("a", strict.path());
    }

    @Test
    void duplicateInNestedObjectRefusedWithPath() {
        StrictJsonResult<JsonObject> r = parse("{\"x\":{\"y\":{\"alg\":\"ES256\",\"kid\":\"1\",\"alg\":\"none\"}}}");
        assertRefused(r, StrictJsonError.DUPLICATE_MEMBER);
        assertEquals("alg", r.detail());
        assertEquals("x.y.alg", r.path());
    }

    @Test
    void duplicateInArrayOfObjectsRefusedWithPath() {
        StrictJsonResult<JsonObject> r = parse("{\"keys\":[{\"kid\":\"1\"},{\"kid\":\"2\",\"kid\":\"3\"}]}");
        assertRefused(r, StrictJsonError.DUPLICATE_MEMBER);
        assertEquals("kid", r.detail());
        assertEquals("keys[1].kid", r.path());

        StrictJsonResult<JsonValue> top = StrictJson.parseValue(utf8("[{\"a\":1},{\"b\":1,\"b\":1}]"), CAP);
        assertRefused(top, StrictJsonError.DUPLICATE_MEMBER);
        assertEquals("[1].b", top.path());
    }

    @Test
    void sameNameInSiblingObjectsIsNotADuplicate() {
        assertTrue(parse("{\"a\":{\"n\":1},\"b\":{\"n\":1},\"c\":[{\"n\":1},{\"n\":2}]}")
                .isSuccess());
    }

    @Test
    void duplicatesCompareExactNamesAfterUnescaping() {
        // "\u0061" is "a": the same name written twice
        StrictJsonResult<JsonObject> r = parse("{\"a\":1,\"\\u0061\":2}");
        assertRefused(r, StrictJsonError.DUPLICATE_MEMBER);
        assertEquals("a", r.detail());
        // names differing only by case are different names
        assertTrue(parse("{\"a\":1,\"A\":2}").isSuccess());
    }

    @Test
    void invalidUtf8Refused() {
        byte[][] bad = {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, // bad continuation
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, // overlong '/'
            {'{', '"', 'a', '"', ':', '"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"', '}'}, // overlong, 3 bytes
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // encoded lone surrogate
            {
                '{',
                '"',
                'a',
                '"',
                ':',
                '"',
                (byte) 0xED,
                (byte) 0xA0,
                (byte) 0xBD,
                (byte) 0xED,
                (byte) 0xB8,
                (byte) 0x80,
                '"',
                '}'
            }, // CESU-8 pair
            {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'}, // > U+10FFFF
            {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}, // never valid
            {'{', '"', 'a', '"', ':', '"', 'x', '"', '}', (byte) 0xE2, (byte) 0x82}, // truncated at the end
        };
        for (byte[] bytes : bad) {
            assertRefused(StrictJson.parseObject(bytes, CAP), StrictJsonError.NOT_UTF8);
        }
    }

    @Test
    void escapedUnpairedSurrogateRefusedButEscapedPairAccepted() {
        assertRefused(parse("{\"a\":\"\\ud800\"}"), StrictJsonError.NOT_UTF8);
        assertRefused(parse("{\"\\udc00\":1}"), StrictJsonError.NOT_UTF8);
        StrictJsonResult<JsonObject> pair = parse("{\"a\":\"\\ud83d\\ude00\"}");
        assertTrue(pair.isSuccess());
        assertEquals("\uD83D\uDE00", pair.value().orElseThrow().getString("a"));
    }

    @Test
    void byteOrderMarkRefused() {
        byte[] json = utf8("{\"a\":1}");
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        StrictJsonResult<JsonObject> r = StrictJson.parseObject(withBom, CAP);
        assertRefused(r, StrictJsonError.NOT_UTF8);
        assertEquals("byte order mark", r.detail());
        // UTF-16 is not UTF-8 either
        assertRefused(
                StrictJson.parseObject("{\"a\":1}".getBytes(StandardCharsets.UTF_16), CAP), StrictJsonError.NOT_UTF8);
    }

    @Test
    void trailingContentRefused() {
        assertRefused(parse("{\"a\":1}x"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":1}{\"a\":1}"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":1} 1"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":1}}"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":1}\u0000"), StrictJsonError.NOT_JSON);
        assertTrue(parse(" \t\r\n{\"a\":1} \n").isSuccess(), "JSON whitespace around the value is fine");
    }

    @Test
    void syntaxErrorsAndEmptyInputRefused() {
        assertRefused(parse(""), StrictJsonError.NOT_JSON);
        assertRefused(parse("   "), StrictJsonError.NOT_JSON);
        assertRefused(StrictJson.parseObject(null, CAP), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":1,}"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{'a':1}"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":01}"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":NaN}"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":\"x\ny\"}"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":[1,2}"), StrictJsonError.NOT_JSON);
        assertRefused(parse("{\"a\":1"), StrictJsonError.NOT_JSON);
    }

    @Test
    void notAnObjectRefusedByParseObjectOnly() {
        assertRefused(parse("[1,2]"), StrictJsonError.NOT_AN_OBJECT);
        assertRefused(parse("\"eyJ\""), StrictJsonError.NOT_AN_OBJECT);
        assertRefused(parse("null"), StrictJsonError.NOT_AN_OBJECT);
        assertEquals(
                JsonValue.ValueType.ARRAY,
                StrictJson.parseValue(utf8("[1,2]"), CAP).value().orElseThrow().getValueType());
        assertEquals(
                JsonValue.TRUE, StrictJson.parseValue(utf8("true"), CAP).value().orElseThrow());
    }

    @Test
    void depthLimit() {
        String ok = "{\"a\":".repeat(31) + "[1]" + "}".repeat(31); // 32 levels
        String tooDeep = "{\"a\":".repeat(32) + "[1]" + "}".repeat(32); // 33 levels
        assertTrue(parse(ok).isSuccess());
        StrictJsonResult<JsonObject> r = parse(tooDeep);
        assertRefused(r, StrictJsonError.TOO_DEEP);
        assertEquals("a.".repeat(31) + "a", r.path());
        assertRefused(StrictJson.parseObject(utf8("{\"a\":{\"b\":{}}}"), CAP, 2), StrictJsonError.TOO_DEEP);
        assertTrue(StrictJson.parseObject(utf8("{\"a\":{\"b\":1}}"), CAP, 2).isSuccess());
        // a hostile nesting far beyond the limit is cut short, not a stack overflow
        String hostile = "[".repeat(100_000) + "]".repeat(100_000);
        assertRefused(StrictJson.parseValue(utf8(hostile), 1 << 20), StrictJsonError.TOO_DEEP);
    }

    @Test
    void sizeCap() {
        byte[] json = utf8("{\"a\":\"0123456789\"}");
        assertTrue(StrictJson.parseObject(json, json.length).isSuccess());
        StrictJsonResult<JsonObject> r = StrictJson.parseObject(json, json.length - 1);
        assertRefused(r, StrictJsonError.TOO_LARGE);
        assertTrue(r.detail().contains(String.valueOf(json.length)));
    }

    @Test
    void validUnicodeDocumentAccepted() {
        String json = "{\"sub\":\"mr.x@contoso.com\",\"nom\":\"Élodie Ñúñez\",\"ville\":\"Zürich\","
                + "\"cjk\":\"東京\",\"emoji\":\"😀\",\"esc\":\"\\u00e9\\n\\\"\",\"n\":[1,-2.5e3,0.1,true,false,null],"
                + "\"obj\":{\"ü\":{}}}";
        StrictJsonResult<JsonObject> r = parse(json);
        assertTrue(r.isSuccess(), r::describe);
        JsonObject o = r.value().orElseThrow();
        assertEquals("Élodie Ñúñez", o.getString("nom"));
        assertEquals("東京", o.getString("cjk"));
        assertEquals("😀", o.getString("emoji"));
        assertEquals("é\n\"", o.getString("esc"));
        assertEquals(-2500, o.getJsonArray("n").getJsonNumber(1).intValue());
        assertTrue(o.getJsonObject("obj").containsKey("ü"));
        assertEquals("", r.detail());
        assertEquals("OK", r.describe());
    }

    @Test
    void annexPayloadOfInteropsRReads() {
        String payload = "{\"sub\":\"mr.x@contoso.com\",\"jti\":\"uuid:5be9ce5f-8102-4a1d-973d-59234c839f43\","
                + "\"iat\":1458224994,\"exp\":1458225294,\"iss\":\"https://idp.client.example\",\"ver\":\"1.0\"}";
        StrictJsonResult<JsonObject> r = parse(payload);
        assertTrue(r.isSuccess());
        assertEquals(1458224994L, r.value().orElseThrow().getJsonNumber("iat").longValueExact());
    }
}
