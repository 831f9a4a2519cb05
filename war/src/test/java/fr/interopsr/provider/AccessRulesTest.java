package fr.interopsr.provider;

import static fr.interopsr.provider.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.ConventionRegistry.UploadedCertificate;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.CertificateThumbprint;
import fr.interopsr.provider.Fixtures.ConventionSpec;
import fr.interopsr.vi.TestKeys;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 18 §3: the data provider's steps asked without a VI, in the validator's order. */
class AccessRulesTest {

    private static final String READ = "urn:test:a:1.0:read";

    private static AccessRules.Outcome check(
            ConventionSpec spec, List<UploadedCertificate> uploaded, String address, String thumbprint, String scope) {
        Convention c = spec.convention();
        return AccessRules.check(new AccessRules.Call(
                c,
                ConventionIndex.of(List.of(c), uploaded, 1),
                Set.of(Fixtures.SERVICE),
                address,
                null,
                thumbprint,
                null,
                null,
                scope,
                NOW));
    }

    @Test
    void allowedWhenEveryRuleHolds() {
        AccessRules.Outcome o = check(new ConventionSpec("a", "https://idp-a/"), List.of(), null, null, READ);
        assertTrue(o.allowed(), o.toString());
    }

    @Test
    void aScopeTheConventionDoesNotGrantIsInsufficientScope() {
        AccessRules.Outcome o =
                check(new ConventionSpec("a", "https://idp-a/"), List.of(), null, null, "urn:other:write");
        assertEquals(AccessRules.RESOURCE_SCOPE, o.step());
        assertEquals("insufficient_scope", o.error());
    }

    @Test
    void scopesTheQuestionGivesAreCheckedByStep12() {
        ConventionSpec spec = new ConventionSpec("a", "https://idp-a/");
        Convention c = spec.convention();
        AccessRules.Outcome o = AccessRules.check(new AccessRules.Call(
                c,
                ConventionIndex.of(List.of(c), 1),
                Set.of(Fixtures.SERVICE),
                null,
                null,
                null,
                List.of(READ, "urn:not:granted"),
                null,
                READ,
                NOW));
        assertEquals("scopes_allowed", o.step());
        assertEquals("invalid_token", o.error());
    }

    @Test
    void originAndEnvironmentAndTargetService() {
        ConventionSpec spec = new ConventionSpec("a", "https://idp-a/");
        spec.sourceIps = List.of("198.51.100.7");
        assertEquals("origin", check(spec, List.of(), null, null, READ).step());
        assertEquals("origin", check(spec, List.of(), "192.0.2.1", null, READ).step());
        assertTrue(check(spec, List.of(), "198.51.100.7", null, READ).allowed());

        ConventionSpec other = new ConventionSpec("a", "https://idp-a/");
        other.serviceId = "https://elsewhere.example/svc";
        assertEquals("target_service", check(other, List.of(), null, null, READ).step());

        Convention c = new ConventionSpec("a", "https://idp-a/").convention();
        AccessRules.Outcome env = AccessRules.check(new AccessRules.Call(
                c,
                ConventionIndex.of(List.of(c), 1),
                Set.of(Fixtures.SERVICE),
                null,
                null,
                null,
                null,
                "prod",
                READ,
                NOW));
        assertEquals("environment", env.step());
    }

    @Test
    void mutualTlsByThumbprint() throws Exception {
        X509Certificate cert = TestKeys.selfSigned(
                TestKeys.ec("secp256r1"), "CN=sp-a,O=Test,C=FR", NOW.minusSeconds(60), NOW.plusSeconds(86_400));
        String x5t = CertificateThumbprint.x5tS256(cert);
        String hex = CertificateBinding.sha256Hex(cert);

        ConventionSpec bySha = new ConventionSpec("a", "https://idp-a/");
        bySha.mutualTls = true;
        bySha.sha256 = hex;
        assertTrue(check(bySha, List.of(), null, x5t, READ).allowed());
        assertEquals("mtls", check(bySha, List.of(), null, null, READ).step());

        ConventionSpec byNames = new ConventionSpec("a", "https://idp-a/");
        byNames.mutualTls = true;
        byNames.subjectDn = "CN=sp-a,O=Test,C=FR";
        byNames.issuerDn = "CN=sp-a,O=Test,C=FR";
        AccessRules.Outcome names = check(byNames, List.of(), null, x5t, READ);
        assertEquals("mtls", names.step());
        assertTrue(names.detail().contains("PEM"), names.detail());

        ConventionSpec uploaded = new ConventionSpec("a", "https://idp-a/");
        uploaded.mutualTls = true;
        uploaded.clientAuthentication = "tls_client_auth";
        assertTrue(check(uploaded, List.of(new UploadedCertificate("a-client", hex)), null, x5t, READ)
                .allowed());
        assertEquals("mtls", check(uploaded, List.of(), null, x5t, READ).step());
    }
}
