package fr.interopsr.token;

import static fr.interopsr.token.TokenAssertions.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IR-1, IR-6: the form body is read strictly. */
class FormBodyTest {

    private static Map<String, String> parse(String body) throws TokenRefusal {
        return FormBody.parse(body.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void normalBodyIsParsedInOrder() throws TokenRefusal {
        Map<String, String> p = parse("grant_type=client_credentials&scope=urn:a:b:1.0:read&client_id=abc");
        assertEquals(List.of("grant_type", "scope", "client_id"), List.copyOf(p.keySet()));
        assertEquals("client_credentials", p.get("grant_type"));
        assertEquals("urn:a:b:1.0:read", p.get("scope"));
        assertEquals("abc", p.get("client_id"));
    }

    @Test
    void emptyBodyHasNoParameter() throws TokenRefusal {
        assertTrue(FormBody.parse(new byte[0]).isEmpty());
    }

    @Test
    void plusIsSpaceAndPercentEscapesAreDecoded() throws TokenRefusal {
        Map<String, String> p = parse("scope=a+b%20c&x=%41%3d%26%2B&n%61me=%C3%A9t%C3%A9");
        assertEquals("a b c", p.get("scope"));
        assertEquals("A=&+", p.get("x"));
        assertEquals("\u00e9t\u00e9", p.get("name"));
    }

    @Test
    void lowerAndUpperCaseHexDigitsAreAccepted() throws TokenRefusal {
        assertEquals("::", parse("a=%3a%3A").get("a"));
    }

    @Test
    void valueMayHoldEqualsSignAndMissingValueIsEmpty() throws TokenRefusal {
        Map<String, String> p = parse("a=b=c&flag&empty=");
        assertEquals("b=c", p.get("a"));
        assertEquals("", p.get("flag"));
        assertEquals("", p.get("empty"));
    }

    @Test
    void emptyPairsAreSkipped() throws TokenRefusal {
        Map<String, String> p = parse("&&a=1&&b=2&");
        assertEquals(Map.of("a", "1", "b", "2"), p);
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        refused(TokenErrorCode.INVALID_REQUEST, () -> parse("scope=a&scope=b"));
    }

    @Test
    void repeatedGrantTypeIsInvalidRequestNotInvalidGrant() {
        refused(
                TokenErrorCode.INVALID_REQUEST,
                () -> parse("grant_type=client_credentials&grant_type=client_credentials"));
    }

    @Test
    void repeatedParameterIsDetectedAfterDecodingTheName() {
        refused(TokenErrorCode.INVALID_REQUEST, () -> parse("scope=a&sc%6Fpe=b"));
    }

    @Test
    void repeatedParameterWithEmptyValuesIsInvalidRequest() {
        refused(TokenErrorCode.INVALID_REQUEST, () -> parse("client_id&client_id="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%", "a=%4", "a=%zz", "a=%4&b=1", "a=%g1", "a=%%41", "a=%+1", "%=1", "a=x%"})
    void malformedPercentEscapeIsInvalidRequest(String body) {
        refused(TokenErrorCode.INVALID_REQUEST, () -> parse(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%C3%28", "a=%FF", "a=%C3", "a=%ED%A0%80", "a=%C0%AF", "%FF=1"})
    void nonUtf8PercentEncodedBytesAreInvalidRequest(String body) {
        refused(TokenErrorCode.INVALID_REQUEST, () -> parse(body));
    }

    @Test
    void rawNonUtf8ByteIsInvalidRequest() {
        byte[] body = {'a', '=', (byte) 0xFF};
        refused(TokenErrorCode.INVALID_REQUEST, () -> FormBody.parse(body));
    }

    @Test
    void rawUtf8IsAccepted() throws TokenRefusal {
        assertEquals(
                "\u00e9",
                FormBody.parse("a=\u00e9".getBytes(StandardCharsets.UTF_8)).get("a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%09", "%0A", "%0D", "%1F", "%7F"})
    void controlCharacterInScopeIsInvalidScope(String escape) {
        refused(TokenErrorCode.INVALID_SCOPE, () -> parse("scope=urn:a" + escape + "b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%09", "%0A", "%7F"})
    void controlCharacterInGrantTypeIsInvalidGrant(String escape) {
        refused(TokenErrorCode.INVALID_GRANT, () -> parse("grant_type=client_credentials" + escape));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%09", "%0A", "%7F"})
    void controlCharacterInAnotherValueIsInvalidRequest(String escape) {
        refused(TokenErrorCode.INVALID_REQUEST, () -> parse("client_id=abc" + escape));
    }

    @Test
    void rawControlByteInScopeIsInvalidScope() {
        byte[] body = {'s', 'c', 'o', 'p', 'e', '=', 'a', 0x01};
        refused(TokenErrorCode.INVALID_SCOPE, () -> FormBody.parse(body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=x", "=", "a=1&=2", "=client_credentials"})
    void emptyNameIsInvalidRequest(String body) {
        refused(TokenErrorCode.INVALID_REQUEST, () -> parse(body));
    }

    @Test
    void asciiMakesANameSafeToEcho() {
        assertEquals("a?b?c??", FormBody.ascii("a\"b\\c\n\u00e9"));
        assertEquals(64, FormBody.ascii("x".repeat(200)).length());
    }
}
