package fr.interopsr.devpki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@link DevPki}: the files it makes, idempotence and CRL renewal. */
class DevPkiTest {

    @TempDir
    Path dir;

    static KeyStore p12(Path file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, DevPki.devPassword());
        }
        return ks;
    }

    static X509CRL crl(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }

    static X509Certificate pemCert(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void firstRunMakesEveryFile() throws Exception {
        Instant now = Instant.now();
        List<Path> written = DevPki.ensure(dir, now);
        for (String f : List.of(
                "ca.pem",
                "ca.p12",
                "server.p12",
                "truststore.p12",
                "institution-a.p12",
                "institution-a.pem",
                "institution-b.p12",
                "institution-b.pem",
                "revoked-client.p12",
                "revoked-client.pem",
                "crl.pem",
                "signing.p12")) {
            assertTrue(written.contains(dir.resolve(f)), f);
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(12, written.size());

        X509Certificate ca = pemCert(dir.resolve("ca.pem"));
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
        assertTrue(ca.getKeyUsage()[5] && ca.getKeyUsage()[6], "keyCertSign + cRLSign");
        assertEquals("EC", ca.getPublicKey().getAlgorithm());
        assertEquals(
                ca, DevPki.loadCa(dir.resolve("ca.p12"), DevPki.devPassword()).certificate());

        KeyStore trust = p12(dir.resolve("truststore.p12"));
        assertTrue(trust.isCertificateEntry(DevPki.TRUSTSTORE_ALIAS));
        assertEquals(ca, trust.getCertificate(DevPki.TRUSTSTORE_ALIAS));

        KeyStore server = p12(dir.resolve("server.p12"));
        assertTrue(server.isKeyEntry("server"));
        X509Certificate sc = (X509Certificate) server.getCertificate("server");
        assertEquals(2, server.getCertificateChain("server").length);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), sc.getExtendedKeyUsage());
        assertEquals(3, sc.getSubjectAlternativeNames().size());
        sc.verify(ca.getPublicKey());

        for (DevPki.Client client : DevPki.CLIENTS) {
            KeyStore ks = p12(dir.resolve(client.name() + ".p12"));
            X509Certificate c = (X509Certificate) ks.getCertificate(client.name());
            assertEquals(client.subjectDn(), c.getSubjectX500Principal().getName());
            assertEquals(2, ks.getCertificateChain(client.name()).length);
            assertEquals(List.of(DevPki.EKU_CLIENT_AUTH), c.getExtendedKeyUsage());
            String pem = Files.readString(dir.resolve(client.name() + ".pem"), StandardCharsets.US_ASCII);
            assertTrue(pem.indexOf("-----BEGIN CERTIFICATE-----") < pem.indexOf("-----BEGIN PRIVATE KEY-----"));
            assertEquals(c, pemCert(dir.resolve(client.name() + ".pem")));
        }

        X509CRL crl = crl(dir.resolve("crl.pem"));
        crl.verify(ca.getPublicKey());
        X509Certificate revoked = pemCert(dir.resolve("revoked-client.pem"));
        assertTrue(crl.isRevoked(revoked));
        assertEquals(1, crl.getRevokedCertificates().size());
        assertNotNull(crl.getExtensionValue("2.5.29.20"), "CRL number");
        assertTrue(crl.getNextUpdate().toInstant().isAfter(now.plus(Duration.ofDays(29))));

        KeyStore signing = p12(dir.resolve("signing.p12"));
        assertEquals("EC", signing.getKey("es256-1", DevPki.devPassword()).getAlgorithm());
        assertEquals(
                2048,
                ((RSAKey) signing.getKey("rs256-1", DevPki.devPassword()))
                        .getModulus()
                        .bitLength());
    }

    @Test
    void secondRunRewritesNothing() throws Exception {
        DevPki.ensure(dir, Instant.now());
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Map<Path, byte[]> before = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, old);
                before.put(f, Files.readAllBytes(f));
            }
        }
        assertEquals(List.of(), DevPki.ensure(dir, Instant.now()));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> after = files.toList();
            assertEquals(before.keySet(), Set.copyOf(after));
            for (Path f : after) {
                assertEquals(old, Files.getLastModifiedTime(f), f.toString());
                assertTrue(Arrays.equals(before.get(f), Files.readAllBytes(f)), f.toString());
            }
        }
    }

    @Test
    void reissuesCrlWhenAboutToExpire() throws Exception {
        Instant now = Instant.now();
        DevPki.ensure(dir, now);
        DevPki.Ca ca = DevPki.loadCa(dir.resolve("ca.p12"), DevPki.devPassword());
        X509Certificate revoked = pemCert(dir.resolve("revoked-client.pem"));
        X509Certificate other = pemCert(dir.resolve("institution-b.pem"));
        // an old checkout: CRL number 5, nextUpdate in 3 days, also listing institution-b
        DevPki.writePem(
                dir.resolve("crl.pem"),
                DevPki.issueCrl(
                        ca.privateKey(),
                        ca.certificate(),
                        List.of(revoked.getSerialNumber(), other.getSerialNumber()),
                        now.minus(Duration.ofDays(27)),
                        now.plus(Duration.ofDays(3)),
                        BigInteger.valueOf(5)));
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(dir.resolve("ca.pem"), old);

        assertEquals(List.of(dir.resolve("crl.pem")), DevPki.ensure(dir, now));
        X509CRL crl = crl(dir.resolve("crl.pem"));
        crl.verify(ca.certificate().getPublicKey());
        assertTrue(crl.getNextUpdate().toInstant().isAfter(now.plus(Duration.ofDays(29))));
        assertTrue(crl.isRevoked(revoked));
        assertTrue(crl.isRevoked(other), "entries of the old CRL are kept");
        byte[] number = crl.getExtensionValue("2.5.29.20");
        assertEquals(
                6,
                ASN1Integer.getInstance(DEROctetString.getInstance(number).getOctets())
                        .intValueExact());
        assertEquals(old, Files.getLastModifiedTime(dir.resolve("ca.pem")));

        // 10 days left: kept
        DevPki.writePem(
                dir.resolve("crl.pem"),
                DevPki.issueCrl(
                        ca.privateKey(),
                        ca.certificate(),
                        List.of(revoked.getSerialNumber()),
                        now,
                        now.plus(Duration.ofDays(10)),
                        BigInteger.TEN));
        assertEquals(List.of(), DevPki.ensure(dir, now));
    }

    /** Issue 14 §5: the password is no shared mutable array; clearing one copy changes no other caller's. */
    @Test
    void thePasswordIsAFreshCopyThatNoCallerCanChangeForTheOthers() throws Exception {
        char[] first = DevPki.devPassword();
        assertEquals("changeit", new String(first));
        Arrays.fill(first, '\0');
        assertEquals("changeit", new String(DevPki.devPassword()));
        assertTrue(first != DevPki.devPassword(), "a new array on each call");
        for (java.lang.reflect.Field f : DevPki.class.getDeclaredFields()) {
            int m = f.getModifiers();
            assertTrue(
                    !java.lang.reflect.Modifier.isPublic(m) || f.getType() != char[].class,
                    "no public char[] field: " + f.getName());
        }
        DevPki.ensure(dir, Instant.now());
        assertNotNull(p12(dir.resolve("ca.p12")).getKey("ca", DevPki.devPassword()), "the stores open with it");
    }
}
