package fr.interopsr.token;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body read strictly (IR-1): UTF-8 only, every
 * percent escape well formed, no parameter repeated (IR-6 {@code invalid_request}), no control
 * character in a value.
 */
public final class FormBody {

    private FormBody() {}

    /** The parameters, in order; a refusal names the first problem. */
    public static Map<String, String> parse(byte[] body) throws TokenRefusal {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.length == 0) {
            return params;
        }
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    pair(body, start, i, params);
                }
                start = i + 1;
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private static void pair(byte[] body, int from, int to, Map<String, String> params) throws TokenRefusal {
        int eq = -1;
        for (int i = from; i < to; i++) {
            if (body[i] == '=') {
                eq = i;
                break;
            }
        }
        String name = decode(body, from, eq < 0 ? to : eq);
        String value = eq < 0 ? "" : decode(body, eq + 1, to);
        if (name.isEmpty()) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "a parameter has no name");
        }
        if (params.putIfAbsent(name, value) != null) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "parameter repeated: " + ascii(name));
        }
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c < 0x20 || c == 0x7f) {
                if ("scope".equals(name)) {
                    throw TokenRefusal.of(TokenErrorCode.INVALID_SCOPE, "scope holds a control character (IR-16)");
                }
                if ("grant_type".equals(name)) {
                    throw TokenRefusal.of(TokenErrorCode.INVALID_GRANT, "grant_type is malformed");
                }
                throw TokenRefusal.of(
                        TokenErrorCode.INVALID_REQUEST, "parameter " + ascii(name) + " holds a control character");
            }
        }
    }

    private static String decode(byte[] body, int from, int to) throws TokenRefusal {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "malformed percent escape in the body");
                }
                int hi = Character.digit(body[i + 1], 16);
                int lo = Character.digit(body[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "malformed percent escape in the body");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "the body is not UTF-8 (IR-1)");
        }
    }

    /** A name safe to echo in an error_description (US-ASCII printable, bounded). */
    static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return b.toString();
    }
}
