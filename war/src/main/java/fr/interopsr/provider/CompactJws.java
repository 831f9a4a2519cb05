package fr.interopsr.provider;

import com.nimbusds.jose.JWSAlgorithm;
import fr.interopsr.json.StrictJsonError;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A VI's JWS compact serialisation once Interops-R §3.5.2 steps 1-5 have taken it apart strictly
 * ({@link StructureStep}, {@link HeaderDecodeStep}, {@link HeaderJsonStep}, {@link HeaderMembersStep},
 * {@link PayloadDecodeStep}): the three segments, the JOSE header, its {@code alg} (one of D-9) and {@code kid}, and
 * the decoded payload. Base64url is decoded strictly ({@link #decodeBase64Url}): its alphabet only, no padding,
 * canonical (unused bits zero). The payload's JSON is step 6, the signature step 15.
 */
final class CompactJws {

    final String headerSegment;
    final String payloadSegment;
    final String signatureSegment;
    final JsonObject header;
    final JWSAlgorithm algorithm;
    /** The header's {@code kid}, or null. */
    final String keyId;

    final byte[] payload;

    CompactJws(
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
}
