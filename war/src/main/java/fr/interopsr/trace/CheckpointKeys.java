package fr.interopsr.trace;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import fr.interopsr.vi.SigningKey;
import java.security.Key;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys that checkpoints, rounds and retention marks are verified with (D-26, issue 15),
 * each with the period it was valid in: a document verifies only with the key its header names,
 * and only when the key was valid at the document's {@code iat}, so a key rotation never turns old
 * checkpoints into false alarms. Kept outside the database: the server's own key store, and a JWKS
 * file ({@code interops.traces.checkpoint-keys-file}, the command line's {@code --keys}) whose keys
 * carry {@code nbf} and {@code exp}.
 */
public final class CheckpointKeys {

    /** A verification's outcome. */
    public enum Check {
        VALID,
        UNKNOWN_KEY,
        KEY_NOT_VALID_THEN,
        BAD_SIGNATURE,
        MALFORMED
    }

    private record Entry(JWK jwk, Instant notBefore, Instant notAfter) {}

    private final Map<String, Entry> byKid = new LinkedHashMap<>();

    private CheckpointKeys() {}

    /** The public halves of the server's signing keys, valid over their certificates' periods. */
    public static CheckpointKeys of(Collection<SigningKey> keys) {
        CheckpointKeys k = new CheckpointKeys();
        for (SigningKey key : keys) {
            k.byKid.putIfAbsent(key.kid(), new Entry(key.publicJwk(), key.notBefore(), key.notAfter()));
        }
        return k;
    }

    /** The keys of a JWKS document; a key without {@code nbf} or {@code exp} is open on that side. */
    public static CheckpointKeys parse(String jwks) throws ParseException {
        CheckpointKeys k = new CheckpointKeys();
        for (JWK jwk : JWKSet.parse(jwks).getKeys()) {
            if (jwk.getKeyID() == null || jwk.isPrivate()) {
                throw new ParseException("every key needs a kid, and only public keys belong here", 0);
            }
            k.byKid.putIfAbsent(
                    jwk.getKeyID(),
                    new Entry(
                            jwk.toPublicJWK(),
                            instant(jwk.getNotBeforeTime(), Instant.MIN),
                            instant(jwk.getExpirationTime(), Instant.MAX)));
        }
        return k;
    }

    private static Instant instant(Date d, Instant otherwise) {
        return d == null ? otherwise : d.toInstant();
    }

    /** These keys and those of {@code other} (a kid already here keeps its entry). */
    public CheckpointKeys with(CheckpointKeys other) {
        CheckpointKeys k = new CheckpointKeys();
        k.byKid.putAll(byKid);
        other.byKid.forEach(k.byKid::putIfAbsent);
        return k;
    }

    public boolean isEmpty() {
        return byKid.isEmpty();
    }

    public List<String> kids() {
        return List.copyOf(byKid.keySet());
    }

    /** The JWKS of these keys with their validity ({@code nbf}, {@code exp}), to keep outside the database. */
    public String toJwks() {
        List<JWK> keys = new ArrayList<>();
        for (Entry e : byKid.values()) {
            JWK jwk = e.jwk();
            Date nbf = e.notBefore().equals(Instant.MIN) ? null : Date.from(e.notBefore());
            Date exp = e.notAfter().equals(Instant.MAX) ? null : Date.from(e.notAfter());
            if (jwk instanceof ECKey ec) {
                keys.add(new ECKey.Builder(ec)
                        .notBeforeTime(nbf)
                        .expirationTime(exp)
                        .build());
            } else if (jwk instanceof RSAKey rsa) {
                keys.add(new RSAKey.Builder(rsa)
                        .notBeforeTime(nbf)
                        .expirationTime(exp)
                        .build());
            }
        }
        return new JWKSet(keys).toString(true);
    }

    /** Verifies a document signed at {@code signedAt} (its {@code iat}). */
    public Check verify(String jws, Instant signedAt) {
        JWSObject object;
        try {
            object = JWSObject.parse(jws.strip());
        } catch (ParseException | RuntimeException e) {
            return Check.MALFORMED;
        }
        Entry entry = Optional.ofNullable(object.getHeader().getKeyID())
                .map(byKid::get)
                .orElse(null);
        if (entry == null) {
            return Check.UNKNOWN_KEY;
        }
        if (signedAt.isBefore(entry.notBefore()) || signedAt.isAfter(entry.notAfter())) {
            return Check.KEY_NOT_VALID_THEN;
        }
        try {
            Key key = entry.jwk() instanceof ECKey ec ? ec.toECPublicKey() : ((RSAKey) entry.jwk()).toRSAPublicKey();
            return object.verify(new DefaultJWSVerifierFactory().createJWSVerifier(object.getHeader(), key))
                    ? Check.VALID
                    : Check.BAD_SIGNATURE;
        } catch (JOSEException | RuntimeException e) {
            return Check.BAD_SIGNATURE;
        }
    }
}
