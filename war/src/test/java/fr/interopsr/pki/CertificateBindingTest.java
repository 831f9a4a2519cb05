package fr.interopsr.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of {@link CertificateBinding}. */
class CertificateBindingTest {

    static X509Certificate cert;
    static X509Certificate other;

    @BeforeAll
    static void certs() throws Exception {
        Instant now = Instant.now();
        DevPki.Ca ca = DevPki.createCa(DevPki.CA_SUBJECT, now, now.plus(Duration.ofDays(10)));
        cert = DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        "CN=institution-a,O=Institution Demo A,C=FR",
                        now,
                        now.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();
        other = DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        "CN=institution-a,O=Institution Demo A,C=FR",
                        now,
                        now.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();
    }

    @Test
    void sha256Hex() throws Exception {
        String hex = CertificateBinding.sha256Hex(cert);
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())), hex);
        assertTrue(hex.matches("[0-9a-f]{64}"));
    }

    @Test
    void bySha256WithColonsAndUpperCase() {
        String colons =
                CertificateBinding.sha256Hex(cert).toUpperCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
        assertTrue(CertificateBinding.ofSha256(colons).matches(cert));
        assertFalse(CertificateBinding.ofSha256(colons).matches(other), "same names, other certificate");
        assertFalse(
                CertificateBinding.ofSha256(CertificateBinding.sha256Hex(other)).matches(cert));
        assertFalse(CertificateBinding.ofSha256("abcd").matches(cert));
        // the fingerprint wins over matching names
        assertFalse(new CertificateBinding(
                        cert.getSubjectX500Principal().getName(),
                        cert.getIssuerX500Principal().getName(),
                        CertificateBinding.sha256Hex(other))
                .matches(cert));
    }

    @Test
    void byNamesIgnoresSpacingAndCase() {
        CertificateBinding b = CertificateBinding.ofNames(
                "cn=Institution-A,  O=institution demo a, C=fr", "CN=Interops-R Dev CA, O=Interops-R Dev,   C=FR");
        assertTrue(b.matches(cert));
        assertTrue(b.matches(other), "names bind every certificate with those names");
        assertFalse(CertificateBinding.ofNames("CN=institution-b,O=Institution Demo A,C=FR", DevPki.CA_SUBJECT)
                .matches(cert));
        assertFalse(CertificateBinding.ofNames("CN=institution-a,O=Institution Demo A,C=FR", "CN=Other CA,C=FR")
                .matches(cert));
        assertFalse(
                CertificateBinding.ofNames("C=FR,O=Institution Demo A,CN=institution-a", DevPki.CA_SUBJECT)
                        .matches(cert),
                "RDN order matters");
    }

    @Test
    void incompleteOrInvalidBindingMatchesNothing() {
        assertFalse(new CertificateBinding(null, null, null).matches(cert));
        assertFalse(new CertificateBinding(" ", "", null).matches(cert));
        assertFalse(CertificateBinding.ofNames("CN=institution-a,O=Institution Demo A,C=FR", null)
                .matches(cert));
        assertFalse(
                CertificateBinding.ofNames("not a DN ===", DevPki.CA_SUBJECT).matches(cert));
        assertFalse(
                CertificateBinding.ofSha256(CertificateBinding.sha256Hex(cert)).matches(null));
    }

    /** Issue 8: the index finds a binding by key exactly when matches() accepts the certificate. */
    @Test
    void indexKeyAgreesWithMatches() {
        String hex = CertificateBinding.sha256Hex(cert);
        List<CertificateBinding> bindings = List.of(
                CertificateBinding.ofSha256(hex),
                CertificateBinding.ofSha256(hex.toUpperCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:")),
                CertificateBinding.ofSha256(CertificateBinding.sha256Hex(other)),
                CertificateBinding.ofSha256(hex.substring(2)),
                CertificateBinding.ofNames(
                        "cn=Institution-A,  O=institution demo a, C=fr",
                        "CN=Interops-R Dev CA, O=Interops-R Dev,   C=FR"),
                CertificateBinding.ofNames("C=FR,O=Institution Demo A,CN=institution-a", DevPki.CA_SUBJECT),
                CertificateBinding.ofNames("CN=institution-a,O=Institution Demo A,C=FR", "CN=Other CA,C=FR"),
                CertificateBinding.ofNames("not a DN ===", DevPki.CA_SUBJECT),
                new CertificateBinding("CN=institution-a,O=Institution Demo A,C=FR", DevPki.CA_SUBJECT, hex),
                new CertificateBinding(null, null, null));
        for (X509Certificate c : new X509Certificate[] {cert, other}) {
            List<Object> keys = CertificateBinding.indexKeysOf(c);
            for (CertificateBinding b : bindings) {
                boolean found = b.indexKey().map(keys::contains).orElse(false);
                assertEquals(b.matches(c), found, b.toString());
            }
        }
    }
}
