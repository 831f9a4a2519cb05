package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.NOW;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.ConventionRegistry.UploadedCertificate;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.vi.TestKeys;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutualTlsStepTest {

    private static final String DN = "CN=sp-a,O=Test,C=FR";

    private final MutualTlsStep step = new MutualTlsStep();
    private final X509Certificate cert;
    private final X509Certificate other;

    MutualTlsStepTest() throws Exception {
        cert = TestKeys.selfSigned(TestKeys.ec("secp256r1"), DN, NOW.minusSeconds(60), NOW.plusSeconds(86_400));
        other = TestKeys.selfSigned(
                TestKeys.ec("secp256r1"), "CN=sp-b,O=Test,C=FR", NOW.minusSeconds(60), NOW.plusSeconds(86_400));
    }

    private static ValidationContext call(ConventionSpec spec, X509Certificate certificate) {
        return call(spec, List.of(), certificate);
    }

    private static ValidationContext call(
            ConventionSpec spec, List<UploadedCertificate> uploaded, X509Certificate certificate) {
        Convention c = spec.convention();
        return found(
                ConventionIndex.of(List.of(c), uploaded, 1),
                c,
                spec.vi(),
                Fixtures.request("unused", Fixtures.CLIENT_IP, certificate));
    }

    private static ConventionSpec mutualTls(String id) {
        ConventionSpec spec = new ConventionSpec(id, "https://idp-" + id + ".test.example/");
        spec.mutualTls = true;
        return spec;
    }

    @Test
    void withoutMutualTlsAnyCallPasses() {
        ConventionSpec plain = new ConventionSpec("conv-p", "https://idp-p.test.example/");
        passes(step, call(plain, null));
        passes(step, call(plain, other));
    }

    @Test
    void aCertificateMatchingTheBindingPasses() {
        ConventionSpec bySha = mutualTls("conv-m");
        bySha.sha256 = CertificateBinding.sha256Hex(cert);
        passes(step, call(bySha, cert));
        ConventionSpec byNames = mutualTls("conv-n");
        byNames.subjectDn = DN;
        byNames.issuerDn = DN;
        passes(step, call(byNames, cert));
    }

    @Test
    void aCertificateUploadedForTheClientPasses() {
        ConventionSpec uploadedOnly = mutualTls("conv-up");
        uploadedOnly.clientAuthentication = "tls_client_auth";
        List<UploadedCertificate> uploaded =
                List.of(new UploadedCertificate(uploadedOnly.clientId, CertificateBinding.sha256Hex(cert)));
        passes(step, call(uploadedOnly, uploaded, cert));
        fails(step, call(uploadedOnly, uploaded, other), "binds no certificate");
    }

    @Test
    void noCertificateIsRefused() {
        ConventionSpec bySha = mutualTls("conv-m");
        bySha.sha256 = CertificateBinding.sha256Hex(cert);
        fails(
                step,
                call(bySha, null),
                "the convention requires mutual TLS and the call has no client certificate (D-4)");
    }

    @Test
    void anotherCertificateIsRefused() {
        ConventionSpec bySha = mutualTls("conv-m");
        bySha.sha256 = CertificateBinding.sha256Hex(cert);
        fails(
                step,
                call(bySha, other),
                "client certificate \"CN=sp-b,O=Test,C=FR\" does not match the convention's" + " certificate binding");
        ConventionSpec byNames = mutualTls("conv-n");
        byNames.subjectDn = DN;
        byNames.issuerDn = DN;
        fails(step, call(byNames, other), "(D-4)");
    }

    @Test
    void mutualTlsWithoutAnyBindingMatchesNothing() {
        fails(
                step,
                call(mutualTls("conv-u"), cert),
                "the convention requires mutual TLS but binds no certificate (serviceProvider.certificate is null,"
                        + " none uploaded): nothing can match (D-4)");
    }
}
