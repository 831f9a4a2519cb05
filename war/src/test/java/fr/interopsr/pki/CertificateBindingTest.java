package fr.interopsr.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.devpki.DevPki;
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
    static X509Certificate caCert;

    @BeforeAll
    static void certs() throws Exception {
        Instant now = Instant.now();
        DevPki.Ca ca = DevPki.createCa(DevPki.CA_SUBJECT, now, now.plus(Duration.ofDays(10)));
        caCert = ca.certificate();
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

    /** As the validator accepts it: issued by the test CA, which the trust store holds. */
    static ValidatedCertificate validated(X509Certificate c) {
        return TestPki.validated(c, caCert, caCert);
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
        assertTrue(CertificateBinding.ofSha256(colons).matches(validated(cert)));
        assertFalse(CertificateBinding.ofSha256(colons).matches(validated(other)), "same names, other certificate");
        assertFalse(
                CertificateBinding.ofSha256(CertificateBinding.sha256Hex(other)).matches(validated(cert)));
        assertFalse(CertificateBinding.ofSha256("abcd").matches(validated(cert)));
        // the fingerprint wins over matching names
        assertFalse(new CertificateBinding(
                        cert.getSubjectX500Principal().getName(),
                        cert.getIssuerX500Principal().getName(),
                        CertificateBinding.sha256Hex(other))
                .matches(validated(cert)));
    }

    @Test
    void byNamesIgnoresSpacingAndCase() {
        CertificateBinding b = CertificateBinding.ofNames(
                "cn=Institution-A,  O=institution demo a, C=fr", "CN=Interops-R Dev CA, O=Interops-R Dev,   C=FR");
        assertTrue(b.matches(validated(cert)));
        assertTrue(b.matches(validated(other)), "names bind every certificate with those names");
        assertFalse(CertificateBinding.ofNames("CN=institution-b,O=Institution Demo A,C=FR", DevPki.CA_SUBJECT)
                .matches(validated(cert)));
        assertFalse(CertificateBinding.ofNames("CN=institution-a,O=Institution Demo A,C=FR", "CN=Other CA,C=FR")
                .matches(validated(cert)));
        assertFalse(
                CertificateBinding.ofNames("C=FR,O=Institution Demo A,CN=institution-a", DevPki.CA_SUBJECT)
                        .matches(validated(cert)),
                "RDN order matters");
    }

    @Test
    void incompleteOrInvalidBindingMatchesNothing() {
        assertFalse(new CertificateBinding(null, null, null).matches(validated(cert)));
        assertFalse(new CertificateBinding(" ", "", null).matches(validated(cert)));
        assertFalse(CertificateBinding.ofNames("CN=institution-a,O=Institution Demo A,C=FR", null)
                .matches(validated(cert)));
        assertFalse(
                CertificateBinding.ofNames("not a DN ===", DevPki.CA_SUBJECT).matches(validated(cert)));
        assertFalse(
                CertificateBinding.ofSha256(CertificateBinding.sha256Hex(cert)).matches((ValidatedCertificate) null));
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
            // issued by the trusted CA, and (issue 14 §3) by a CA of that name absent from the trust store
            for (ValidatedCertificate v : List.of(validated(c), TestPki.validated(c, caCert))) {
                List<Object> keys = CertificateBinding.indexKeysOf(v);
                for (CertificateBinding b : bindings) {
                    boolean found = b.indexKey().map(keys::contains).orElse(false);
                    assertEquals(b.matches(v), found, b.toString());
                }
            }
        }
    }

    /** Issue 14 §3: names bind only a leaf whose issuer is a trusted CA certificate by key; a fingerprint pins. */
    @Test
    void namesNeedTheIssuerTrustedByKey() throws Exception {
        CertificateBinding byNames = CertificateBinding.ofNames(
                cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName());
        assertTrue(byNames.matches(validated(cert)));
        assertFalse(byNames.matches(TestPki.validated(cert, caCert)), "the CA is not in the trust store");
        DevPki.Ca sameName =
                DevPki.createCa(DevPki.CA_SUBJECT, Instant.now(), Instant.now().plusSeconds(600));
        assertFalse(
                byNames.matches(TestPki.validated(cert, sameName.certificate(), caCert)),
                "an issuer with the CA's name and another key");
        assertFalse(
                byNames.matches(TestPki.validated(cert, caCert, sameName.certificate())),
                "a trusted certificate with the CA's name and another key");
        assertTrue(
                byNames.matches(TestPki.validated(cert, caCert, sameName.certificate(), caCert)),
                "a re-keyed CA: any trusted certificate of that name will do");
        assertTrue(CertificateBinding.ofSha256(CertificateBinding.sha256Hex(cert))
                .matches(TestPki.validated(cert, caCert)));
    }
}
