package fr.interopsr.provider;

import fr.interopsr.token.FormBody;
import fr.interopsr.token.TokenRefusal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The form body of {@code POST /idp/introspect} and {@code POST /idp/revoke} (RFC 7662 §2.1, RFC 7009 §2.1): read as
 * raw bytes and parsed as the token endpoint parses its own ({@link FormBody}: a repeated parameter, a bad encoding,
 * a body over the cap are {@code invalid_request}), the content type {@code application/x-www-form-urlencoded} in
 * UTF-8, and the {@code token} parameter present and not empty.
 */
final class PartnerForm {

    private static final String FORM = "application/x-www-form-urlencoded";

    /** Why the request is {@code invalid_request}: what the caller reads. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private PartnerForm() {}

    /** The parameters of the request, whose {@code token} is present and not empty. */
    static Map<String, String> parameters(HttpServletRequest http, int maxBytes) throws Invalid {
        checkContentType(http.getContentType());
        byte[] body = readBody(http, maxBytes);
        if (body == null) {
            throw new Invalid("the request body is too large or unreadable");
        }
        Map<String, String> params;
        try {
            params = FormBody.parse(body);
        } catch (TokenRefusal e) {
            throw new Invalid(e.description());
        }
        String token = params.get("token");
        if (token == null || token.isEmpty()) {
            throw new Invalid("the token parameter is required");
        }
        return params;
    }

    static void checkContentType(String contentType) throws Invalid {
        if (contentType == null) {
            throw new Invalid("Content-Type must be " + FORM);
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase(FORM)) {
            throw new Invalid("Content-Type must be " + FORM);
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                throw new Invalid("the body must be UTF-8");
            }
        }
    }

    /** The body, or null when it is larger than {@code max} bytes or unreadable. */
    static byte[] readBody(HttpServletRequest http, int max) {
        if (http.getContentLengthLong() > max) {
            return null;
        }
        try (InputStream in = http.getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        } catch (IOException e) {
            return null;
        }
    }

    /** The cap on a body: the VI's cap (D-13) and room for the other parameters. */
    static int maxBytes(int maxViBytes) {
        return maxViBytes * 3 + 4096;
    }
}
