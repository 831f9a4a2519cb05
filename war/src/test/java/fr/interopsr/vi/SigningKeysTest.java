package fr.interopsr.vi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import fr.interopsr.devpki.DevPki;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IR-9, IR-15, D-9: the identity provider's signing keys. */
class SigningKeysTest {

    private static final char[] PASSWORD = "test-pass".toCharArray();
    private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    private static KeyPair rsa2048;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws GeneralSecurityException {
        rsa2048 = TestKeys.rsa(2048);
    }

    private static String b64u(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Unsigned big-endian bytes of a coordinate, left-padded to the field size. */
    private static byte[] unsigned(BigInteger v, int size) {
        byte[] raw = v.toByteArray();
        if (raw.length == size) {
            return raw;
        }
        byte[] out = new byte[size];
        if (raw.length > size) {
            System.arraycopy(raw, raw.length - size, out, 0, size);
        } else {
            System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        }
        return out;
    }

    private static String sha256b64u(String json) throws GeneralSecurityException {
        return b64u(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 7638 §3.2, written out: required members, lexicographic order, no whitespace. */
    static String ecThumbprint(ECPublicKey pub) throws GeneralSecurityException {
        String x = b64u(unsigned(pub.getW().getAffineX(), 32));
        String y = b64u(unsigned(pub.getW().getAffineY(), 32));
        return sha256b64u("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}");
    }

    static String rsaThumbprint(RSAPublicKey pub) throws GeneralSecurityException {
        byte[] n = pub.getModulus().toByteArray();
        if (n[0] == 0) {
            n = Arrays.copyOfRange(n, 1, n.length);
        }
        String e = b64u(pub.getPublicExponent().toByteArray());
        return sha256b64u("{\"e\":\"" + e + "\",\"kty\":\"RSA\",\"n\":\"" + b64u(n) + "\"}");
    }

    private Path store(String alias, KeyPair keys, Instant from, Instant to) throws Exception {
        Path file = dir.resolve(alias + ".p12");
        DevPki.writePkcs12(
                file, alias, keys.getPrivate(), PASSWORD, TestKeys.selfSigned(keys, "CN=" + alias, from, to));
        return file;
    }

    @Test
    void rsaKeyOf1024BitsIsRefusedNaming2048() throws Exception {
        Path file = store("rsa-small", TestKeys.rsa(1024), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        GeneralSecurityException e =
                assertThrows(GeneralSecurityException.class, () -> SigningKeys.load(file, PASSWORD));
        assertTrue(e.getMessage().contains("2048"), e.getMessage());
        assertTrue(e.getMessage().contains("rsa-small"), e.getMessage());
    }

    @Test
    void rsaKeyOf2047BitsIsRefused() throws Exception {
        KeyPair small = TestKeys.rsa(2047);
        assertThrows(
                GeneralSecurityException.class,
                () -> TestKeys.signingKey(
                        "rsa-2047", small, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
    }

    @Test
    void ecP256KeyIsEs256WithThumbprintKid() throws Exception {
        KeyPair ec = TestKeys.ec("secp256r1");
        Path file = store("es256-a", ec, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        SigningKeys keys = SigningKeys.load(file, PASSWORD);
        assertEquals(1, keys.all().size());
        SigningKey k = keys.all().get(0);
        assertEquals("es256-a", k.alias());
        assertEquals(JWSAlgorithm.ES256, k.algorithm());
        String expected = ecThumbprint((ECPublicKey) ec.getPublic());
        assertEquals(expected, k.kid());
        assertEquals(expected, k.publicJwk().getKeyID());
        assertEquals(KeyUse.SIGNATURE, k.publicJwk().getKeyUse());
        assertEquals(JWSAlgorithm.ES256, k.publicJwk().getAlgorithm());
        assertFalse(k.publicJwk().isPrivate(), "the public JWK holds a private part");
        assertEquals(Optional.of(k), keys.current(JWSAlgorithm.ES256, NOW));
    }

    @Test
    void rsa2048KeyIsRs256WithThumbprintKid() throws Exception {
        SigningKey k =
                TestKeys.signingKey("rs256-a", rsa2048, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        assertEquals(JWSAlgorithm.RS256, k.algorithm());
        assertEquals(rsaThumbprint((RSAPublicKey) rsa2048.getPublic()), k.kid());
        assertFalse(k.publicJwk().isPrivate());
    }

    @Test
    void ecP384KeyIsEs384() throws Exception {
        SigningKey k = TestKeys.signingKey(
                "es384", TestKeys.ec("secp384r1"), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)));
        assertEquals(JWSAlgorithm.ES384, k.algorithm());
    }

    @Test
    void ecP521KeyIsRefused() throws Exception {
        KeyPair p521 = TestKeys.ec("secp521r1");
        assertThrows(
                GeneralSecurityException.class,
                () -> TestKeys.signingKey("es512", p521, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
    }

    @Test
    void validityComesFromTheCertificate() throws Exception {
        Instant from = NOW.minus(Duration.ofDays(3));
        Instant to = NOW.plus(Duration.ofDays(4));
        SigningKey k = TestKeys.signingKey("k", TestKeys.ec("secp256r1"), from, to);
        assertEquals(from, k.notBefore());
        assertEquals(to, k.notAfter());
        assertTrue(k.validAt(from));
        assertTrue(k.validAt(to));
        assertFalse(k.validAt(from.minusSeconds(1)));
        assertFalse(k.validAt(to.plusSeconds(1)));
    }

    @Test
    void ofTwoEs256KeysTheOneWhoseCertificateStartsLaterSigns() throws Exception {
        SigningKey older = TestKeys.signingKey(
                "older", TestKeys.ec("secp256r1"), NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(30)));
        SigningKey newer = TestKeys.signingKey(
                "newer", TestKeys.ec("secp256r1"), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        for (List<SigningKey> order : List.of(List.of(older, newer), List.of(newer, older))) {
            SigningKeys keys = new SigningKeys(order);
            assertEquals(
                    "newer", keys.current(JWSAlgorithm.ES256, NOW).orElseThrow().alias());
            // before the newer one starts, the older one signs
            assertEquals(
                    "older",
                    keys.current(JWSAlgorithm.ES256, NOW.minus(Duration.ofDays(2)))
                            .orElseThrow()
                            .alias());
        }
    }

    @Test
    void keysFromOnePkcs12AreAllLoaded() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        KeyPair ec = TestKeys.ec("secp256r1");
        ks.setKeyEntry("es", ec.getPrivate(), PASSWORD, new Certificate[] {
            TestKeys.selfSigned(ec, "CN=es", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))
        });
        ks.setKeyEntry("rs", rsa2048.getPrivate(), PASSWORD, new Certificate[] {
            TestKeys.selfSigned(rsa2048, "CN=rs", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))
        });
        ks.setCertificateEntry(
                "trusted-only",
                TestKeys.selfSigned(
                        TestKeys.ec("secp256r1"), "CN=t", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
        Path file = dir.resolve("both.p12");
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        SigningKeys keys = SigningKeys.load(file, PASSWORD);
        assertEquals(2, keys.all().size());
        assertEquals("es", keys.current(JWSAlgorithm.ES256, NOW).orElseThrow().alias());
        assertEquals("rs", keys.current(JWSAlgorithm.RS256, NOW).orElseThrow().alias());
    }

    @Test
    void expiredKeysAreNotInTheJwkSetNorCurrent() throws Exception {
        SigningKey expired = TestKeys.signingKey(
                "expired", TestKeys.ec("secp256r1"), NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
        SigningKey current = TestKeys.signingKey(
                "current", TestKeys.ec("secp256r1"), NOW.minus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(30)));
        SigningKey next = TestKeys.signingKey(
                "next", TestKeys.ec("secp256r1"), NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(60)));
        SigningKeys keys = new SigningKeys(List.of(expired, current, next));
        List<String> published =
                keys.publicJwkSet(NOW).getKeys().stream().map(JWK::getKeyID).toList();
        assertEquals(List.of(current.kid(), next.kid()), published);
        assertTrue(keys.publicJwkSet(NOW).getKeys().stream().noneMatch(JWK::isPrivate));
        assertEquals(
                "current", keys.current(JWSAlgorithm.ES256, NOW).orElseThrow().alias());
        SigningKeys onlyExpired = new SigningKeys(List.of(expired));
        assertEquals(Optional.empty(), onlyExpired.current(JWSAlgorithm.ES256, NOW));
        assertTrue(onlyExpired.publicJwkSet(NOW).getKeys().isEmpty());
        assertNotEquals(expired.kid(), current.kid());
    }

    @Test
    void currentIsEmptyForAnAlgorithmWithoutKey() throws Exception {
        SigningKeys keys = new SigningKeys(List.of(TestKeys.signingKey(
                "es", TestKeys.ec("secp256r1"), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))));
        assertEquals(Optional.empty(), keys.current(JWSAlgorithm.RS256, NOW));
        assertEquals(Optional.empty(), keys.current(JWSAlgorithm.PS256, NOW));
        assertEquals(Optional.empty(), keys.current(JWSAlgorithm.ES384, NOW));
        assertEquals(Optional.empty(), keys.current(JWSAlgorithm.HS256, NOW));
        assertTrue(keys.current(JWSAlgorithm.ES256, NOW).isPresent());
    }

    @Test
    void missingKeystoreIsAnIoError() {
        assertThrows(IOException.class, () -> SigningKeys.load(dir.resolve("absent.p12"), PASSWORD));
    }

    @Test
    void keystoreWithoutPrivateKeyIsRefused() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry(
                "t",
                TestKeys.selfSigned(
                        TestKeys.ec("secp256r1"), "CN=t", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
        Path file = dir.resolve("empty.p12");
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
        assertThrows(GeneralSecurityException.class, () -> SigningKeys.load(file, PASSWORD));
    }
}
