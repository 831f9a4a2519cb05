package fr.interopsr.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.devpki.DevPki;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests of {@link ClientCertificateValidator} on a dev PKI made by {@link DevPki} (IR-13, D-1). */
class ClientCertificateValidatorTest {

    @TempDir
    static Path dir;

    static final Instant NOW = Instant.now();
    static DevPki.Ca ca;
    static TrustMaterial material;
    static final ClientCertificateValidator STRICT = new ClientCertificateValidator();

    @BeforeAll
    static void pki() throws Exception {
        DevPki.ensure(dir, NOW);
        ca = DevPki.loadCa(dir.resolve("ca.p12"), DevPki.devPassword());
        // the CRL directory is the dev directory itself: ca.pem and the client PEMs are skipped
        material = TrustMaterial.load(dir.resolve("truststore.p12"), DevPki.devPassword(), dir);
    }

    static X509Certificate[] chain(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            ks.load(in, DevPki.devPassword());
        }
        Certificate[] c = ks.getCertificateChain(name);
        return Arrays.copyOf(c, c.length, X509Certificate[].class);
    }

    static X509Certificate client(Instant notBefore, Instant notAfter, boolean clientAuth, String extraEku)
            throws Exception {
        return DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        "CN=test,O=Test,C=FR",
                        notBefore,
                        notAfter,
                        clientAuth,
                        extraEku)
                .certificate();
    }

    static void assertRefused(CertificateFailure expected, CertificateCheck check) {
        assertFalse(check.valid(), check.detail());
        assertEquals(expected, check.failure(), check.detail());
        assertFalse(check.detail().contains("\tat "), "no stack trace");
    }

    @Test
    void validClientAccepted() throws Exception {
        CertificateCheck check = STRICT.validate(chain("institution-a"), material, NOW);
        assertTrue(check.valid(), check.detail());
        assertNull(check.failure());
        assertEquals(
                "CN=institution-a,O=Institution Demo A,C=FR",
                check.certificate().getSubjectX500Principal().getName());
        // leaf alone (as from a Client-Cert header) works too
        assertTrue(STRICT.validate(chain("institution-b")[0], material, NOW).valid());
    }

    @Test
    void revokedRefused() throws Exception {
        assertRefused(CertificateFailure.REVOKED, STRICT.validate(chain("revoked-client"), material, NOW));
    }

    @Test
    void expiredRefused() throws Exception {
        X509Certificate c = client(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)), true, null);
        assertRefused(CertificateFailure.EXPIRED, STRICT.validate(c, material, NOW));
        // the instant is honoured: a valid certificate, checked 3 years later
        assertRefused(
                CertificateFailure.EXPIRED,
                STRICT.validate(chain("institution-a"), material, NOW.plus(Duration.ofDays(1100))));
    }

    @Test
    void notYetValidRefused() throws Exception {
        X509Certificate c = client(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(400)), true, null);
        assertRefused(CertificateFailure.NOT_YET_VALID, STRICT.validate(c, material, NOW));
    }

    @Test
    void otherCaRefusedUntrusted() throws Exception {
        DevPki.Ca other = DevPki.createCa("CN=Other CA,C=FR", NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)));
        X509Certificate c = DevPki.issueClientCertificate(
                        other.privateKey(),
                        other.certificate(),
                        "CN=institution-a,O=Institution Demo A,C=FR",
                        NOW.minusSeconds(60),
                        NOW.plus(Duration.ofDays(30)),
                        true,
                        null)
                .certificate();
        assertRefused(
                CertificateFailure.UNTRUSTED,
                STRICT.validate(new X509Certificate[] {c, other.certificate()}, material, NOW));
        // same issuer name as our CA, different key: the signature does not verify
        DevPki.Ca impostor = DevPki.createCa(DevPki.CA_SUBJECT, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)));
        X509Certificate forged = DevPki.issueClientCertificate(
                        impostor.privateKey(),
                        impostor.certificate(),
                        "CN=institution-a,O=Institution Demo A,C=FR",
                        NOW.minusSeconds(60),
                        NOW.plus(Duration.ofDays(30)),
                        true,
                        null)
                .certificate();
        assertRefused(CertificateFailure.UNTRUSTED, STRICT.validate(forged, material, NOW));
    }

    @Test
    void serverAuthOnlyRefused() throws Exception {
        X509Certificate c = client(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), false, DevPki.EKU_SERVER_AUTH);
        assertRefused(CertificateFailure.MISSING_CLIENT_AUTH_EKU, STRICT.validate(c, material, NOW));
        // serverAuth + clientAuth is fine
        X509Certificate both =
                client(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), true, DevPki.EKU_SERVER_AUTH);
        assertTrue(STRICT.validate(both, material, NOW).valid());
    }

    @Test
    void noEkuRefused() throws Exception {
        X509Certificate c = client(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), false, null);
        assertNull(c.getExtendedKeyUsage());
        assertRefused(CertificateFailure.MISSING_CLIENT_AUTH_EKU, STRICT.validate(c, material, NOW));
    }

    @Test
    void staleCrlRefusedByDefaultAndAcceptedWithFlag() throws Exception {
        X509Certificate revoked = chain("revoked-client")[0];
        X509CRL stale = DevPki.issueCrl(
                ca.privateKey(),
                ca.certificate(),
                List.of(revoked.getSerialNumber()),
                NOW.minus(Duration.ofDays(40)),
                NOW.minus(Duration.ofDays(10)),
                BigInteger.TWO);
        TrustMaterial m = TrustMaterial.of(List.of(ca.certificate()), List.of(stale));

        CertificateCheck strict = STRICT.validate(chain("institution-a"), m, NOW);
        assertRefused(CertificateFailure.REVOCATION_UNKNOWN, strict);
        assertTrue(strict.detail().contains("nextUpdate"), strict.detail());

        ClientCertificateValidator lenient = new ClientCertificateValidator(true, false);
        CertificateCheck ok = lenient.validate(chain("institution-a"), m, NOW);
        assertTrue(ok.valid(), ok.detail());
        assertTrue(ok.detail().contains("allowStaleCrl"), ok.detail());
        // the stale CRL's entries still apply
        assertRefused(CertificateFailure.REVOKED, lenient.validate(chain("revoked-client"), m, NOW));
        // the flag does not excuse the other checks
        assertRefused(
                CertificateFailure.MISSING_CLIENT_AUTH_EKU,
                lenient.validate(client(NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)), false, null), m, NOW));
    }

    @Test
    void missingCrlFailsClosedUnlessAllowed() throws Exception {
        TrustMaterial noCrl = TrustMaterial.of(List.of(ca.certificate()), List.of());
        CertificateCheck strict = STRICT.validate(chain("institution-a"), noCrl, NOW);
        assertRefused(CertificateFailure.REVOCATION_UNKNOWN, strict);
        assertTrue(strict.detail().contains("no CRL"), strict.detail());
        assertRefused(
                CertificateFailure.REVOCATION_UNKNOWN,
                new ClientCertificateValidator(true, false).validate(chain("institution-a"), noCrl, NOW));
        assertTrue(new ClientCertificateValidator(false, true)
                .validate(chain("institution-a"), noCrl, NOW)
                .valid());
    }

    @Test
    void crlNotSignedByTheCaIsIgnored() throws Exception {
        DevPki.Ca impostor = DevPki.createCa(DevPki.CA_SUBJECT, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)));
        X509CRL forged = DevPki.issueCrl(
                impostor.privateKey(),
                impostor.certificate(),
                List.of(),
                NOW,
                NOW.plus(Duration.ofDays(30)),
                BigInteger.ONE);
        TrustMaterial m = TrustMaterial.of(List.of(ca.certificate()), List.of(forged));
        assertRefused(CertificateFailure.REVOCATION_UNKNOWN, STRICT.validate(chain("revoked-client"), m, NOW));
        assertRefused(
                CertificateFailure.REVOCATION_UNKNOWN,
                new ClientCertificateValidator(true, true).validate(chain("revoked-client"), m, NOW));
    }

    @Test
    void malformedInputGivesMalformed() throws Exception {
        assertRefused(CertificateFailure.MALFORMED, STRICT.validate((X509Certificate[]) null, material, NOW));
        assertRefused(CertificateFailure.MALFORMED, STRICT.validate((X509Certificate) null, material, NOW));
        assertRefused(CertificateFailure.MALFORMED, STRICT.validate(new X509Certificate[0], material, NOW));
        assertRefused(
                CertificateFailure.MALFORMED,
                STRICT.validate(new X509Certificate[] {chain("institution-a")[0], null}, material, NOW));
    }

    @Test
    void forwardedCertificateValidated() throws Exception {
        String header = ":" + Base64.getEncoder().encodeToString(chain("institution-a")[0].getEncoded()) + ":";
        X509Certificate c = ForwardedClientCertificate.parse(header).orElseThrow();
        assertTrue(STRICT.validate(c, material, NOW).valid());
    }
}
