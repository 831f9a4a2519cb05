package fr.interopsr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.CertificateBinding;
import jakarta.json.Json;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PemCertificateTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static DevPki.Ca ca;
    static X509Certificate client;

    @BeforeAll
    static void pki() throws Exception {
        ca = DevPki.createCa("CN=Test CA,O=Test,C=FR", NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(900)));
        client = issue(NOW.plus(Duration.ofDays(365)), true);
    }

    static X509Certificate issue(Instant notAfter, boolean clientAuth) throws Exception {
        return DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        "CN=app,O=Client,C=FR",
                        NOW.minus(Duration.ofDays(1)),
                        notAfter,
                        clientAuth,
                        null)
                .certificate();
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void oneCertificateReadsWithItsFacts() throws Exception {
        X509Certificate c = PemCertificate.one("\n  " + pem(client) + "\n\n");
        assertEquals(client, c);
        PemCertificate.Facts f = PemCertificate.facts(c);
        assertEquals("CN=app,O=Client,C=FR", f.subjectDn());
        assertEquals("CN=Test CA,O=Test,C=FR", f.issuerDn());
        assertEquals(CertificateBinding.sha256Hex(client), f.sha256());
        assertEquals(64, f.sha256().length());
        assertEquals(client.getNotAfter().toInstant(), f.notAfter());
    }

    @Test
    void whatIsNotExactlyOneCertificateIsRefusedSayingWhy() throws Exception {
        String one = pem(client);
        assertRefused("", "empty");
        assertRefused("hello", "no -----BEGIN CERTIFICATE-----");
        assertRefused(one + pem(ca.certificate()), "2 certificates");
        assertRefused("junk\n" + one, "outside the CERTIFICATE blocks");
        assertRefused(one + "junk", "after the last");
        assertRefused("-----BEGIN CERTIFICATE-----\nAAA=A\n-----END CERTIFICATE-----", "base64");
        assertRefused("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "not an X.509 certificate");
        assertRefused("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "no -----BEGIN");
    }

    private static void assertRefused(String pem, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PemCertificate.one(pem), pem);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aChainReadsInOrder() throws Exception {
        List<X509Certificate> all = PemCertificate.all(pem(client) + pem(ca.certificate()));
        assertEquals(List.of(client, ca.certificate()), all);
    }

    @Test
    void expiredOrNonClientCertificatesCannotAuthenticateAClient() throws Exception {
        assertTrue(PemCertificate.unusableAsClientCertificate(client, NOW).isEmpty());
        assertTrue(PemCertificate.unusableAsClientCertificate(client, NOW.plus(Duration.ofDays(400)))
                .orElseThrow()
                .contains("expired"));
        assertTrue(PemCertificate.unusableAsClientCertificate(issue(NOW.plus(Duration.ofDays(30)), false), NOW)
                .orElseThrow()
                .contains("clientAuth"));
        assertTrue(
                PemCertificate.unusableAsClientCertificate(ca.certificate(), NOW)
                        .orElseThrow()
                        .contains("clientAuth"),
                "a CA certificate has no clientAuth usage");
    }

    @Test
    void expiryListsCertificatesBeforeTheHorizonSoonestFirst() throws Exception {
        var soon = new CertificateExpiry.Held("uploaded", "CN=a", "CN=ca", "aa", NOW.plus(Duration.ofDays(10)));
        var late = new CertificateExpiry.Held("uploaded", "CN=b", "CN=ca", "bb", NOW.plus(Duration.ofDays(100)));
        var gone = new CertificateExpiry.Held("uploaded", "CN=c", "CN=ca", "cc", NOW.minus(Duration.ofDays(1)));
        assertEquals(List.of(gone, soon), CertificateExpiry.expiringWithin(List.of(late, soon, gone), NOW, 30));
        assertEquals(List.of(gone, soon, late), CertificateExpiry.expiringWithin(List.of(late, soon, gone), NOW, 101));
        assertEquals(List.of(gone), CertificateExpiry.expiringWithin(List.of(late, soon, gone), NOW, 0));
    }

    @Test
    void theDocumentsCertificateChainCounts() throws Exception {
        var doc = Json.createObjectBuilder(Docs.basic())
                .add(
                        "dataProvider",
                        Json.createObjectBuilder(Docs.basic().getJsonObject("dataProvider"))
                                .add("certificateChainPem", pem(client)))
                .build();
        var held = CertificateExpiry.ofDocument(doc);
        assertEquals(1, held.size());
        assertEquals(CertificateExpiry.DOCUMENT_CHAIN, held.get(0).source());
        assertEquals(client.getNotAfter().toInstant(), held.get(0).notAfter());
        assertTrue(CertificateExpiry.ofDocument(Docs.basic()).isEmpty(), "null chain");
    }
}
