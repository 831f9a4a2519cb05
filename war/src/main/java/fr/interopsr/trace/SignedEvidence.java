package fr.interopsr.trace;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import fr.interopsr.json.Jsonp;
import fr.interopsr.vi.SigningKey;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signed documents of the journal's evidence (D-18, issue 15): checkpoint rounds, retention
 * marks and the checkpoints of the first format, each a compact JWS of a JSON object with a
 * {@code typ} of its own, signed with a key of the identity provider. Plain Java over Nimbus.
 */
public final class SignedEvidence {

    private SignedEvidence() {}

    /** A JWS of {@code payload} with {@code key}, {@code kid} and {@code typ} in its header. */
    public static String sign(SigningKey key, String type, JsonObject payload) throws JOSEException {
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(key.algorithm())
                        .keyID(key.kid())
                        .type(new JOSEObjectType(type))
                        .build(),
                new Payload(payload.toString()));
        jws.sign(key.signer());
        return jws.serialize();
    }

    /** A parsed JWS: its header's type and key id and its payload as JSON; empty when it is none. */
    public record Parsed(String type, String kid, JsonObject payload) {}

    public static Optional<Parsed> parse(String jws) {
        if (jws == null || jws.isBlank()) {
            return Optional.empty();
        }
        try {
            JWSObject object = JWSObject.parse(jws.strip());
            String type = object.getHeader().getType() == null
                    ? ""
                    : object.getHeader().getType().getType();
            try (JsonReader reader = Jsonp.PROVIDER.createReader(
                    new StringReader(object.getPayload().toString()))) {
                return Optional.of(new Parsed(type, object.getHeader().getKeyID(), reader.readObject()));
            }
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** SHA-256 of the compact JWS, hex: what the next round of a signer names as its {@code previous}. */
    public static String digest(String jws) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(jws.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
