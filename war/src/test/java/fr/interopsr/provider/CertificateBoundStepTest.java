package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.NOW;
import static fr.interopsr.provider.Fixtures.ec;
import static fr.interopsr.provider.Fixtures.validator;
import static fr.interopsr.provider.StepTesting.fails;
import static fr.interopsr.provider.StepTesting.found;
import static fr.interopsr.provider.StepTesting.passes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.pki.CertificateThumbprint;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.provider.Fixtures.ViSpec;
import fr.interopsr.vi.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ValidationStep#CNF}: RFC 8705 §3 certificate-bound VIs at the data provider (P-44). */
class CertificateBoundStepTest {

    private static final String DN = "CN=sp-bound,O=Test,C=FR";

    private final CertificateBoundStep step = new CertificateBoundStep();
    private final X509Certificate cert;
    /** Another valid certificate of the same subject: bound to the same client by a name binding (D-6). */
    private final X509Certificate renewed;

    CertificateBoundStepTest() throws Exception {
        cert = TestKeys.selfSigned(TestKeys.ec("secp256r1"), DN, NOW.minusSeconds(60), NOW.plusSeconds(86_400));
        renewed = TestKeys.selfSigned(TestKeys.ec("secp256r1"), DN, NOW.minusSeconds(60), NOW.plusSeconds(86_400));
    }

    /** RFC 8705 §3.1 computed here, without the product's code. */
    private static String x5t(X509Certificate certificate) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static JsonObject cnf(String thumbprint) {
        return Json.createObjectBuilder().add("x5t#S256", thumbprint).build();
    }

    private static ConventionSpec spec(boolean bound) {
        ConventionSpec spec = new ConventionSpec(bound ? "conv-bound" : "conv-free", "https://idp.test.example/");
        spec.clientAuthentication = "tls_client_auth";
        spec.subjectDn = DN;
        spec.issuerDn = DN;
        spec.certificateBoundVi = bound;
        return spec;
    }

    private static ValidationContext call(ConventionSpec spec, ViSpec vi, X509Certificate certificate) {
        Convention c = spec.convention();
        return found(
                ConventionIndex.of(List.of(c), 1), c, vi, Fixtures.request("unused", Fixtures.CLIENT_IP, certificate));
    }

    @Test
    void theProductsThumbprintIsRfc8705s() throws Exception {
        assertEquals(x5t(cert), CertificateThumbprint.x5tS256(cert));
        assertEquals(43, CertificateThumbprint.x5tS256(cert).length());
        assertTrue(CertificateThumbprint.matches(x5t(cert), cert));
        assertFalse(CertificateThumbprint.matches(x5t(cert), renewed));
        assertFalse(CertificateThumbprint.matches(x5t(cert) + "=", cert), "no padding");
        assertFalse(CertificateThumbprint.matches(x5t(cert).substring(1), cert));
    }

    @Test
    void aBoundViPassesWithItsOwnCertificateWhateverTheConventionSays() throws Exception {
        for (boolean bound : List.of(true, false)) {
            ConventionSpec spec = spec(bound);
            passes(step, call(spec, spec.vi().claim("cnf", cnf(x5t(cert))), cert));
        }
    }

    @Test
    void aBoundViIsRefusedWithAnotherCertificateOfTheSameClient() throws Exception {
        for (boolean bound : List.of(true, false)) {
            ConventionSpec spec = spec(bound);
            Verdict.Failure f = fails(
                    step,
                    call(spec, spec.vi().claim("cnf", cnf(x5t(cert))), renewed),
                    "the VI is bound to certificate x5t#S256 " + x5t(cert) + " and the call came with");
            assertTrue(f.detail().contains(x5t(renewed)), f::detail);
        }
    }

    @Test
    void aBoundViIsRefusedWithoutACertificate() throws Exception {
        ConventionSpec spec = spec(false);
        fails(step, call(spec, spec.vi().claim("cnf", cnf(x5t(cert))), null), "the call has no client certificate");
    }

    @Test
    void aConventionWithCertificateBoundViRefusesAViWithoutCnf() {
        ConventionSpec bound = spec(true);
        fails(step, call(bound, bound.vi(), cert), "the VI has no cnf and convention conv-bound binds its VIs");
        ConventionSpec free = spec(false);
        passes(step, call(free, free.vi(), cert));
        passes(step, call(free, free.vi(), null));
    }

    @Test
    void aConfirmationThisDataProviderCannotCheckIsRefusedNeverIgnored() throws Exception {
        ConventionSpec spec = spec(false);
        fails(step, call(spec, spec.vi().claim("cnf", "x"), cert), "cnf is not a JSON object");
        fails(
                step,
                call(
                        spec,
                        spec.vi()
                                .claim(
                                        "cnf",
                                        Json.createObjectBuilder()
                                                .add("jkt", "abc")
                                                .build()),
                        cert),
                "cnf has no x5t#S256 string");
        fails(
                step,
                call(
                        spec,
                        spec.vi()
                                .claim(
                                        "cnf",
                                        Json.createObjectBuilder()
                                                .add("x5t#S256", x5t(cert))
                                                .add("jkt", "abc")
                                                .build()),
                        cert),
                "cnf has members besides x5t#S256");
        fails(
                step,
                call(
                        spec,
                        spec.vi()
                                .claim(
                                        "cnf",
                                        Json.createObjectBuilder()
                                                .add("x5t#S256", 1)
                                                .build()),
                        cert));
        String hex = fr.interopsr.pki.CertificateBinding.sha256Hex(cert);
        fails(step, call(spec, spec.vi().claim("cnf", cnf(hex)), cert), "is not the base64url of a SHA-256");
        String padded = Base64.getUrlEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        fails(step, call(spec, spec.vi().claim("cnf", cnf(padded)), cert), "is not the base64url of a SHA-256");
    }

    @Test
    void aStolenSingleUseViIsRefusedBeforeTheReplayGuardSoItsHolderCannotUseItUp() throws Exception {
        ECKey key = ec("k-1");
        ConventionSpec spec = spec(true).keys(key);
        spec.singleUse = true;
        Set<String> used = new HashSet<>();
        ViValidator v = Fixtures.validator(
                List.of(spec.convention()), new JWKSet(), (jti, issuer, until) -> used.add(issuer + " " + jti));
        String vi = spec.vi().claim("cnf", cnf(x5t(cert))).signedWith(key);
        ValidationResult stolen = v.validate(Fixtures.request(vi, Fixtures.CLIENT_IP, renewed));
        assertEquals(ValidationStep.CNF, stolen.failedStep().orElseThrow(), stolen::toString);
        assertTrue(used.isEmpty(), "the replay guard was not asked");
        ValidationResult owner = v.validate(Fixtures.request(vi, Fixtures.CLIENT_IP, cert));
        assertTrue(owner.valid(), owner::toString);
        ValidationResult again = v.validate(Fixtures.request(vi, Fixtures.CLIENT_IP, cert));
        assertEquals(ValidationStep.REPLAY, again.failedStep().orElseThrow(), again::toString);
    }

    @Test
    void theValidatorRefusesAMismatchAfterTheSignatureWithTheGenericDescription() throws Exception {
        ECKey key = ec("k-1");
        ConventionSpec spec = spec(true).keys(key);
        ViValidator v = validator(List.of(spec.convention()));
        String vi = spec.vi().claim("cnf", cnf(x5t(cert))).signedWith(key);

        ValidationResult ok = v.validate(Fixtures.request(vi, Fixtures.CLIENT_IP, cert));
        assertTrue(ok.valid(), ok::toString);

        ValidationResult other = v.validate(Fixtures.request(vi, Fixtures.CLIENT_IP, renewed));
        assertEquals(ValidationStep.CNF, other.failedStep().orElseThrow(), other::toString);
        assertEquals(BearerError.INVALID_TOKEN, other.error().orElseThrow());
        assertEquals(ValidationResult.GENERIC_DESCRIPTION, other.publicDescription(), "D-12");
        assertTrue(other.signatureVerified(), "refused after step 15: the trace keeps the genuine VI whole");
        assertEquals("cnf", ValidationStep.CNF.traceName());

        // a forged signature is refused at step 15 first: cnf is judged only on a VI whose signature verified
        String forged = spec.vi().claim("cnf", cnf(x5t(renewed))).signedWith(ec("k-1"));
        ValidationResult bad = v.validate(Fixtures.request(forged, Fixtures.CLIENT_IP, renewed));
        assertEquals(ValidationStep.SIGNATURE, bad.failedStep().orElseThrow(), bad::toString);

        ValidationResult unbound = v.validate(Fixtures.request(spec.vi().signedWith(key), Fixtures.CLIENT_IP, cert));
        assertEquals(ValidationStep.CNF, unbound.failedStep().orElseThrow(), unbound::toString);
    }
}
