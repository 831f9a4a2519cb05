package fr.interopsr.provider;

import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonError;
import fr.interopsr.json.StrictJsonResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The JWS compact serialisation of a VI taken apart strictly, Interops-R §3.5.2 steps 1-5 (IR-7, IR-9, D-9):
 * {@link ValidationStep#STRUCTURE} (two dots, b64token characters), {@link ValidationStep#HEADER_DECODE},
 * {@link ValidationStep#HEADER_JSON} (strict JSON: {@link StrictJson}), {@link ValidationStep#HEADER_MEMBERS} and
 * {@link ValidationStep#PAYLOAD_DECODE}. Base64url is decoded strictly: its alphabet only, no padding, canonical
 * (unused bits zero). The payload's JSON (step 6) and the signature (step 15) are left to the caller.
 */
final class CompactJws {

    /** Why the compact form was refused, at which step; {@code publicReason} may be shown to the caller (D-12). */
    record Refusal(ValidationStep step, String detail, String publicReason) {}

    /** Either the parts or the refusal. */
    record Parsed(CompactJws jws, Refusal refusal) {
        boolean ok() {
            return jws != null;
        }
    }

    final String headerSegment;
    final String payloadSegment;
    final String signatureSegment;
    final JsonObject header;
    final JWSAlgorithm algorithm;
    /** The header's {@code kid}, or null. */
    final String keyId;

    final byte[] payload;

    private CompactJws(
            String headerSegment,
            String payloadSegment,
            String signatureSegment,
            JsonObject header,
            JWSAlgorithm algorithm,
            String keyId,
            byte[] payload) {
        this.headerSegment = headerSegment;
        this.payloadSegment = payloadSegment;
        this.signatureSegment = signatureSegment;
        this.header = header;
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.payload = payload;
    }

    /** The JWS signing input, {@code header '.' payload} as ASCII (RFC 7515 §5.2). */
    byte[] signingInput() {
        return (headerSegment + '.' + payloadSegment).getBytes(StandardCharsets.US_ASCII);
    }

    /** The signature bytes, or null when the third segment is not strict base64url. */
    byte[] signature() {
        return decodeBase64Url(signatureSegment);
    }

    /**
     * Steps 1-5.
     *
     * @param compact  the VI
     * @param maxBytes the size cap for the decoded header (D-13)
     */
    static Parsed parse(String compact, int maxBytes) {
        // step 1
        if (compact == null || compact.isEmpty()) {
            return refused(ValidationStep.STRUCTURE, "empty VI", "the VI is empty");
        }
        String badCharacter = b64tokenProblem(compact);
        if (badCharacter != null) {
            return refused(
                    ValidationStep.STRUCTURE,
                    badCharacter,
                    "the VI holds characters outside those of a Bearer token (IR-7)");
        }
        int first = compact.indexOf('.');
        int second = first < 0 ? -1 : compact.indexOf('.', first + 1);
        if (first < 0 || second < 0 || compact.indexOf('.', second + 1) >= 0) {
            long dots = compact.chars().filter(c -> c == '.').count();
            return refused(
                    ValidationStep.STRUCTURE,
                    dots + " '.' in the VI; a JWS compact serialisation has exactly 2",
                    "the VI must be a JWS compact serialisation with exactly two '.'");
        }
        String headerSegment = compact.substring(0, first);
        String payloadSegment = compact.substring(first + 1, second);
        String signatureSegment = compact.substring(second + 1);

        // step 2
        byte[] headerBytes = decodeBase64Url(headerSegment);
        if (headerBytes == null) {
            return refused(
                    ValidationStep.HEADER_DECODE,
                    "the JOSE header is not strict base64url (RFC 7515 §2)",
                    "the JOSE header is not base64url");
        }
        // step 3
        StrictJsonResult<JsonObject> headerJson = StrictJson.parseObject(headerBytes, maxBytes);
        if (!headerJson.isSuccess()) {
            return refused(
                    ValidationStep.HEADER_JSON,
                    "JOSE header: " + headerJson.describe(),
                    "the JOSE header is not " + jsonProblem(headerJson.error().orElseThrow()));
        }
        JsonObject header = headerJson.value().orElseThrow();

        // step 4
        JsonValue alg = header.get("alg");
        if (!(alg instanceof JsonString algString)) {
            return refused(
                    ValidationStep.HEADER_MEMBERS,
                    alg == null ? "no alg in the JOSE header" : "alg is " + StrictJson.typeName(alg) + ", not a string",
                    "the JOSE header needs an alg");
        }
        String algName = algString.getString();
        if (algName.equalsIgnoreCase("none")) {
            return refused(
                    ValidationStep.HEADER_MEMBERS,
                    "alg " + Shown.text(algName) + ": an unsigned VI is forbidden (IR-9, D-9)",
                    "alg none is forbidden");
        }
        if (algName.toUpperCase(Locale.ROOT).startsWith("HS")) {
            return refused(
                    ValidationStep.HEADER_MEMBERS,
                    "alg " + Shown.text(algName) + ": symmetric algorithms are forbidden (IR-9, D-9)",
                    "symmetric algorithms are forbidden");
        }
        JWSAlgorithm algorithm = SignatureCheck.ALGORITHMS.stream()
                .filter(a -> a.getName().equals(algName))
                .findFirst()
                .orElse(null);
        if (algorithm == null) {
            return refused(
                    ValidationStep.HEADER_MEMBERS,
                    "alg " + Shown.text(algName) + " is not one of ES256, RS256, PS256, ES384 (D-9)",
                    "the JOSE header's alg is not allowed");
        }
        JsonValue typ = header.get("typ");
        if (typ != null && !(typ instanceof JsonString t && isJwtType(t.getString()))) {
            return refused(
                    ValidationStep.HEADER_MEMBERS,
                    "typ is " + Shown.json(typ) + ", not JWT (IR-9)",
                    "the JOSE header's typ must be JWT");
        }
        if (header.containsKey("crit")) {
            return refused(
                    ValidationStep.HEADER_MEMBERS,
                    "crit " + Shown.json(header.get("crit")) + ": no header extension is understood (RFC 7515 §4.1.11)",
                    "the JOSE header's crit is refused");
        }
        JsonValue kid = header.get("kid");
        if (kid != null && !(kid instanceof JsonString)) {
            return refused(
                    ValidationStep.HEADER_MEMBERS,
                    "kid is " + StrictJson.typeName(kid) + ", not a string",
                    "the JOSE header's kid must be a string");
        }
        String keyId = kid == null ? null : ((JsonString) kid).getString();

        // step 5
        byte[] payload = decodeBase64Url(payloadSegment);
        if (payload == null) {
            return refused(
                    ValidationStep.PAYLOAD_DECODE,
                    "the payload is not strict base64url (RFC 7515 §2)",
                    "the VI's payload is not base64url");
        }
        return new Parsed(
                new CompactJws(headerSegment, payloadSegment, signatureSegment, header, algorithm, keyId, payload),
                null);
    }

    /** What a StrictJson error means, in the caller's words. */
    static String jsonProblem(StrictJsonError error) {
        return switch (error) {
            case TOO_LARGE -> "JSON of an acceptable size";
            case NOT_UTF8 -> "UTF-8";
            case NOT_JSON -> "JSON";
            case NOT_AN_OBJECT -> "a JSON object";
            case DUPLICATE_MEMBER -> "JSON without duplicate members";
            case TOO_DEEP -> "JSON of an acceptable depth";
        };
    }

    /** {@code JWT}, case-insensitively, or its full media type {@code application/jwt} (RFC 7515 §4.1.9). */
    private static boolean isJwtType(String typ) {
        return typ.equalsIgnoreCase("JWT") || typ.equalsIgnoreCase("application/jwt");
    }

    /**
     * The b64token of RFC 6750 / IR-7 with the dots of a JWS: {@code 1*(ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" /
     * "/") *"="}. Null when it is one, else what is wrong.
     */
    private static String b64tokenProblem(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return "the VI is only '='";
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
            if (!ok) {
                return String.format("character U+%04X at offset %d is not a b64token character (IR-7)", (int) c, i);
            }
        }
        return null;
    }

    /** Strict base64url without padding (RFC 7515 §2): null when not canonical. The empty string is zero bytes. */
    static byte[] decodeBase64Url(String s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return null;
            }
        }
        if (s.length() % 4 == 1) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(s);
            // unused trailing bits must be zero: the only encoding of these bytes
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(s) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Parsed refused(ValidationStep step, String detail, String publicReason) {
        return new Parsed(null, new Refusal(step, detail, publicReason));
    }
}
