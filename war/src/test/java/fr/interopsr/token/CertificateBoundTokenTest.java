package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.ClientCertificateValidator;
import fr.interopsr.pki.TestPki;
import fr.interopsr.pki.TrustMaterial;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.platform.RequestOrigin;
import fr.interopsr.trace.TraceStatus;
import fr.interopsr.vi.IdentificationVectorIssuer;
import fr.interopsr.vi.SigningKeys;
import fr.interopsr.vi.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certificate-bound VIs at the token endpoint (RFC 8705 §3, P-44): a convention with {@code certificateBoundVi} gives
 * VIs whose {@code cnf.x5t#S256} is the thumbprint of the certificate the client authenticated with, direct or
 * forwarded by our own proxy (D-2); every other VI has no {@code cnf}.
 */
class CertificateBoundTokenTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SUBJECT = "CN=bound,O=Test,C=FR";
    private static final String CA = "CN=Test CA,O=Test,C=FR";
    private static final String PROXY_IP = "10.0.0.2";
    private static final Instant NOW =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);

    private static SigningKeys signingKeys;
    private static TrustMaterial trust;
    /** Two valid certificates of one client, same subject (a renewal overlap, D-6). */
    private static X509Certificate first;

    private static X509Certificate second;
    private static X509Certificate unboundClientCert;
    private static ConventionIndex index;

    @BeforeAll
    static void setUp() throws Exception {
        signingKeys = new SigningKeys(List.of(TestKeys.signingKey(
                "es", TestKeys.ec("secp256r1"), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))));
        DevPki.Ca ca = DevPki.createCa(CA, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        first = issue(ca, SUBJECT);
        second = issue(ca, SUBJECT);
        unboundClientCert = issue(ca, "CN=plain,O=Test,C=FR");
        trust = TrustMaterial.of(List.of(ca.certificate()), List.of(TestPki.crl(ca, NOW)));
        List<Convention> conventions = List.of(
                TestConventions.builder("conv-bound", "bound-client")
                        .tlsClientAuth(SUBJECT, CA)
                        .certificateBoundVi()
                        .convention(3),
                TestConventions.builder("conv-plain", "plain-client")
                        .tlsClientAuth("CN=plain,O=Test,C=FR", CA)
                        .scopes("urn:test:plain:1.0:read")
                        .convention(1));
        index = ConventionIndex.of(conventions, 1);
    }

    private static X509Certificate issue(DevPki.Ca ca, String subject) throws Exception {
        return DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        subject,
                        NOW.minus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();
    }

    private static TokenExchange exchange() {
        ClientDirectory directory = new ClientDirectory() {
            @Override
            public Optional<ClientAuthentication> methodOf(String clientId) {
                return index.methodOf(clientId);
            }

            @Override
            public boolean secretMatches(String clientId, String secret) {
                return false;
            }

            @Override
            public List<String> clientsBoundTo(ValidatedCertificate certificate) {
                return index.clientsBoundTo(certificate);
            }
        };
        return new TokenExchange(
                new ClientAuthenticator(
                        directory, chain -> new ClientCertificateValidator().validate(chain, trust, NOW)),
                () -> index,
                new IdentificationVectorIssuer(signingKeys),
                TestConventions.OWN_ISSUER,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static TokenExchange.Outcome withCertificate(X509Certificate certificate) {
        return exchange()
                .exchange(new TokenHttpRequest(
                        RequestOrigin.of("203.0.113.7", true, h -> null, Set.of()),
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        new X509Certificate[] {certificate}));
    }

    private static SignedJWT vi(TokenExchange.Outcome outcome) throws Exception {
        assertTrue(
                outcome.answer().isPresent(),
                () -> "refused: "
                        + outcome.refusal().map(TokenRefusal::traceDetail).orElse("?"));
        assertEquals(TraceStatus.SUCCESS, outcome.trace().status());
        return SignedJWT.parse(outcome.answer().orElseThrow().vector().compact());
    }

    /** RFC 8705 §3.1, computed here without the product's code: base64url(SHA-256(DER)), no padding. */
    private static String thumbprint(X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    @SuppressWarnings("unchecked")
    private static String cnfOf(SignedJWT jwt) throws Exception {
        Map<String, Object> cnf = jwt.getJWTClaimsSet().getJSONObjectClaim("cnf");
        assertEquals(1, cnf.size(), () -> "cnf has only x5t#S256: " + cnf);
        return (String) cnf.get("x5t#S256");
    }

    @Test
    void aBoundConventionsViCarriesTheThumbprintOfTheCertificateTheClientAuthenticatedWith() throws Exception {
        TokenExchange.Outcome o = withCertificate(first);
        SignedJWT jwt = vi(o);
        assertEquals("bound-client", jwt.getJWTClaimsSet().getSubject());
        assertEquals(thumbprint(first), cnfOf(jwt));
        assertEquals(43, cnfOf(jwt).length());
        // the trace's certificate is the one the VI is bound to
        assertEquals(CertificateBinding.sha256Hex(first), o.trace().certificateSha256());
        assertEquals("conv-bound", o.trace().conventionId());
    }

    @Test
    void eachCertificateOfTheClientGetsAViBoundToItself() throws Exception {
        String a = cnfOf(vi(withCertificate(first)));
        String b = cnfOf(vi(withCertificate(second)));
        assertEquals(thumbprint(second), b);
        assertNotEquals(a, b);
    }

    @Test
    void aCertificateForwardedByOurProxyIsTheOneTheViIsBoundTo() throws Exception {
        Map<String, String> headers = Map.of(
                "X-Forwarded-For",
                "203.0.113.7",
                "X-Forwarded-Proto",
                "https",
                RequestOrigin.CLIENT_CERT,
                ":" + Base64.getEncoder().encodeToString(second.getEncoded()) + ":");
        RequestOrigin viaProxy = RequestOrigin.of(PROXY_IP, false, headers::get, Set.of(PROXY_IP));
        TokenExchange.Outcome o = exchange()
                .exchange(new TokenHttpRequest(
                        viaProxy,
                        FORM,
                        "grant_type=client_credentials".getBytes(StandardCharsets.UTF_8),
                        List.of(),
                        null));
        assertEquals(thumbprint(second), cnfOf(vi(o)));
    }

    @Test
    void aConventionWithoutCertificateBoundViGivesAViWithoutCnf() throws Exception {
        SignedJWT jwt = vi(withCertificate(unboundClientCert));
        assertEquals("plain-client", jwt.getJWTClaimsSet().getSubject());
        assertNull(jwt.getJWTClaimsSet().getClaim("cnf"));
    }

    @Test
    void aClientThatDidNotAuthenticateWithACertificateGetsNoUnboundVi() {
        Convention bound = index.byId("conv-bound").orElseThrow();
        AuthenticatedClient basic =
                new AuthenticatedClient("bound-client", ClientAuthentication.CLIENT_SECRET_BASIC, null);
        TokenRefusal r = assertThrows(
                TokenRefusal.class, () -> TokenExchange.certificateBinding(bound.document(), basic, null, bound.id()));
        assertEquals(TokenErrorCode.UNAUTHORIZED_CLIENT, r.code());
        assertTrue(r.traceDetail().contains("certificateBoundVi"), r::traceDetail);
    }
}
