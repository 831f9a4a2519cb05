package fr.interopsr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.ConventionRegistry.UploadedCertificate;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.TestPki;
import fr.interopsr.pki.ValidatedCertificate;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** D-6: uploaded certificates bind their client in the registry's index, for tls_client_auth clients only. */
class UploadedBindingTest {

    @BeforeAll
    static void pki() throws Exception {
        PemCertificateTest.pki();
    }

    static Convention convention(String id, String clientId, String method, String status) {
        JsonObject base = Docs.basic(id, status);
        JsonObject doc = Json.createObjectBuilder(base)
                .add(
                        "identityProvider",
                        Json.createObjectBuilder(base.getJsonObject("identityProvider"))
                                .add("clientAuthentication", method))
                .add(
                        "serviceProvider",
                        Json.createObjectBuilder(base.getJsonObject("serviceProvider"))
                                .add("clientId", clientId))
                .build();
        return new Convention(
                id, 1, ConventionDocumentReader.read(doc).document().orElseThrow());
    }

    /** The certificate as the application's check accepts it, with the test CA in the trust store. */
    static ValidatedCertificate validated(X509Certificate certificate) {
        X509Certificate ca = PemCertificateTest.ca.certificate();
        return TestPki.validated(certificate, ca, ca);
    }

    @Test
    void anUploadedCertificateBindsATlsClientByItsFingerprint() {
        String sha = CertificateBinding.sha256Hex(PemCertificateTest.client);
        ConventionIndex index = ConventionIndex.of(
                List.of(
                        convention("t", "tls-client", "tls_client_auth", "active"),
                        convention("b", "basic-client", "client_secret_basic", "active"),
                        convention("r", "retired-client", "tls_client_auth", "retired")),
                List.of(
                        new UploadedCertificate("tls-client", sha), new UploadedCertificate("basic-client", sha),
                        new UploadedCertificate("retired-client", sha), new UploadedCertificate("nobody", sha)),
                7);
        assertEquals(List.of("tls-client"), index.clientsBoundTo(validated(PemCertificateTest.client)));
        assertTrue(index.clientsBoundTo(validated(PemCertificateTest.ca.certificate()))
                .isEmpty());
        assertEquals(7, index.mark());
    }

    @Test
    void withoutUploadsNothingIsBound() {
        ConventionIndex index =
                ConventionIndex.of(List.of(convention("t", "tls-client", "tls_client_auth", "active")), 1);
        assertTrue(index.clientsBoundTo(validated(PemCertificateTest.client)).isEmpty());
    }
}
