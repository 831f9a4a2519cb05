package fr.interopsr.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.ConventionRegistry.UploadedCertificate;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.pki.CertificateBinding;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
        assertEquals(List.of("tls-client"), index.clientsBoundTo(PemCertificateTest.client));
        assertTrue(index.clientsBoundTo(PemCertificateTest.ca.certificate()).isEmpty());
        assertEquals(7, index.mark());
    }

    @Test
    void withoutUploadsNothingIsBound() {
        ConventionIndex index =
                ConventionIndex.of(List.of(convention("t", "tls-client", "tls_client_auth", "active")), 1);
        assertTrue(index.clientsBoundTo(PemCertificateTest.client).isEmpty());
    }
}
