package fr.interopsr.token;

import static fr.interopsr.token.TokenAssertions.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.CertificateCheck;
import fr.interopsr.pki.CertificateFailure;
import fr.interopsr.pki.TestPki;
import fr.interopsr.pki.ValidatedCertificate;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IR-2, IR-6, D-6, D-8: client authentication with a fake directory. */
class ClientAuthenticatorTest {

    /** Clients by method and secret, certificates bound by SHA-256. */
    static final class FakeDirectory implements ClientDirectory {
        final Map<String, ClientAuthentication> methods = new HashMap<>();
        final Map<String, String> secretHashes = new HashMap<>();
        final Map<String, List<String>> bindings = new HashMap<>();
        final List<String> consulted = new ArrayList<>();

        FakeDirectory basic(String clientId, String secret) {
            methods.put(clientId, ClientAuthentication.CLIENT_SECRET_BASIC);
            secretHashes.put(clientId, ClientSecrets.hash(secret));
            return this;
        }

        FakeDirectory tls(String clientId, X509Certificate... certs) {
            methods.put(clientId, ClientAuthentication.TLS_CLIENT_AUTH);
            for (X509Certificate c : certs) {
                bindings.computeIfAbsent(CertificateBinding.sha256Hex(c), k -> new ArrayList<>())
                        .add(clientId);
            }
            return this;
        }

        @Override
        public Optional<ClientAuthentication> methodOf(String clientId) {
            consulted.add("methodOf " + clientId);
            return Optional.ofNullable(methods.get(clientId));
        }

        @Override
        public boolean secretMatches(String clientId, String secret) {
            consulted.add("secretMatches " + clientId);
            String hash = secretHashes.get(clientId);
            return hash != null && ClientSecrets.matches(secret, hash);
        }

        @Override
        public List<String> clientsBoundTo(ValidatedCertificate certificate) {
            consulted.add("clientsBoundTo");
            return bindings.getOrDefault(CertificateBinding.sha256Hex(certificate.leaf()), List.of());
        }
    }

    private static X509Certificate certOne;
    private static X509Certificate certShared;
    private static X509Certificate certNobody;
    private static X509Certificate caCert;

    private FakeDirectory directory;

    @BeforeAll
    static void certificates() throws Exception {
        Instant now = Instant.now();
        DevPki.Ca ca =
                DevPki.createCa("CN=Test CA,O=Test,C=FR", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        caCert = ca.certificate();
        certOne = issue(ca, "CN=one,O=Test,C=FR", now);
        certShared = issue(ca, "CN=shared,O=Test,C=FR", now);
        certNobody = issue(ca, "CN=nobody,O=Test,C=FR", now);
    }

    private static X509Certificate issue(DevPki.Ca ca, String dn, Instant now) throws Exception {
        return DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        dn,
                        now.minus(Duration.ofHours(1)),
                        now.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();
    }

    /** The checker's acceptance, with the test CA in the trust store. */
    private static CertificateCheck accept(X509Certificate[] chain) {
        return TestPki.accepted(chain[0], caCert, caCert);
    }

    private ClientAuthenticator authenticator() {
        return new ClientAuthenticator(directory, ClientAuthenticatorTest::accept);
    }

    private FakeDirectory newDirectory() {
        return new FakeDirectory()
                .basic("portal", "s3cret")
                .basic("my client", "a:b%c+d")
                .tls("mtls-one", certOne)
                .tls("mtls-a", certShared)
                .tls("mtls-b", certShared);
    }

    @org.junit.jupiter.api.BeforeEach
    void setUp() {
        directory = newDirectory();
    }

    static String basic(String loginAndSecret) {
        return "Basic " + Base64.getEncoder().encodeToString(loginAndSecret.getBytes(StandardCharsets.UTF_8));
    }

    static ClientCredentials headers(String... authorization) {
        return new ClientCredentials(List.of(authorization), null, false, false, null);
    }

    static ClientCredentials certificate(String clientId, X509Certificate... chain) {
        return new ClientCredentials(List.of(), clientId, false, false, chain);
    }

    // ---------------------------------------------------------------- HTTP Basic

    @Test
    void basicWithRightSecretAuthenticates() throws TokenRefusal {
        AuthenticatedClient c = authenticator().authenticate(headers(basic("portal:s3cret")));
        assertEquals(new AuthenticatedClient("portal", ClientAuthentication.CLIENT_SECRET_BASIC, null), c);
    }

    @Test
    void basicSchemeIsCaseInsensitive() throws TokenRefusal {
        String header = "bASIC " + basic("portal:s3cret").substring(6);
        assertEquals("portal", authenticator().authenticate(headers(header)).clientId());
    }

    @Test
    void basicCredentialsAreFormUrlDecoded() throws TokenRefusal {
        AuthenticatedClient c = authenticator().authenticate(headers(basic("my+client:a%3Ab%25c%2Bd")));
        assertEquals("my client", c.clientId());
        assertEquals(ClientAuthentication.CLIENT_SECRET_BASIC, c.method());
    }

    @Test
    void basicCredentialsPercentEncodedSpaceInLogin() throws TokenRefusal {
        assertEquals(
                "my client",
                authenticator()
                        .authenticate(headers(basic("my%20client:a%3Ab%25c%2Bd")))
                        .clientId());
    }

    @Test
    void basicCredentialsAreDecodedExactlyOnce() {
        // encoded twice: decodes once to "a%3Ab%25c%2Bd", which is not the secret "a:b%c+d"
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic("my+client:a%253Ab%2525c%252Bd"))));
    }

    @Test
    void basicWithWrongSecretIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic("portal:wrong"))));
    }

    @Test
    void basicWithEmptySecretIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic("portal:"))));
    }

    @Test
    void basicOfUnknownClientIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic("stranger:s3cret"))));
        assertTrue(
                directory.consulted.stream().noneMatch(s -> s.startsWith("secretMatches")),
                directory.consulted::toString);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Basic !!!not-base64!!!",
                "Basic cG9ydGFsOnMzY3JldA=x",
                "Basic ",
                "Basic",
                "Basic cG9y dGFsOnMzY3JldA=="
            })
    void garbageBase64IsInvalidClient401(String header) {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator().authenticate(headers(header)));
    }

    @Test
    void basicWithoutColonIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic("portals3cret"))));
    }

    @Test
    void basicWithEmptyLoginIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic(":s3cret"))));
    }

    @Test
    void basicWithMalformedPercentEscapeIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic("port%zzal:s3cret"))));
    }

    @Test
    void basicWithControlCharacterInLoginIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic("por%0Atal:s3cret"))));
    }

    @Test
    void basicNotUtf8IsInvalidClient401() {
        byte[] raw = {'p', (byte) 0xC3, 0x28, ':', 's'};
        String header = "Basic " + Base64.getEncoder().encodeToString(raw);
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator().authenticate(headers(header)));
        byte[] latin1 = "port\u00e9:s3cret".getBytes(StandardCharsets.ISO_8859_1);
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers("Basic " + Base64.getEncoder().encodeToString(latin1))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer x", "Digest username=\"portal\"", "", "Basicx cG9ydGFsOnMzY3JldA=="})
    void otherSchemeIsInvalidClient401(String header) {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator().authenticate(headers(header)));
    }

    @Test
    void twoAuthorizationHeadersAreInvalidRequest() {
        refused(TokenErrorCode.INVALID_REQUEST, 400, false, () -> authenticator()
                .authenticate(headers(basic("portal:s3cret"), basic("portal:s3cret"))));
    }

    @Test
    void basicAndClientSecretInBodyAreInvalidRequest() {
        ClientCredentials both = new ClientCredentials(List.of(basic("portal:s3cret")), null, true, false, null);
        refused(TokenErrorCode.INVALID_REQUEST, 400, false, () -> authenticator()
                .authenticate(both));
    }

    @Test
    void basicAndClientAssertionAreInvalidRequest() {
        ClientCredentials both = new ClientCredentials(List.of(basic("portal:s3cret")), null, false, true, null);
        refused(TokenErrorCode.INVALID_REQUEST, 400, false, () -> authenticator()
                .authenticate(both));
    }

    @Test
    void clientSecretAndClientAssertionAreInvalidRequest() {
        ClientCredentials both = new ClientCredentials(List.of(), "portal", true, true, null);
        refused(TokenErrorCode.INVALID_REQUEST, 400, false, () -> authenticator()
                .authenticate(both));
    }

    @Test
    void checkSingleMethodCountsEachMethod() throws TokenRefusal {
        ClientAuthenticator.checkSingleMethod(
                new ClientCredentials(List.of("x"), "c", false, false, new X509Certificate[] {certOne}));
        ClientAuthenticator.checkSingleMethod(new ClientCredentials(List.of(), "c", true, false, null));
        refused(
                TokenErrorCode.INVALID_REQUEST,
                () -> ClientAuthenticator.checkSingleMethod(
                        new ClientCredentials(List.of("x", "y"), null, false, false, null)));
    }

    @Test
    void clientSecretPostAloneIsInvalidClient400() {
        ClientCredentials post = new ClientCredentials(List.of(), "portal", true, false, null);
        refused(TokenErrorCode.INVALID_CLIENT, 400, false, () -> authenticator().authenticate(post));
    }

    @Test
    void clientAssertionAloneIsInvalidClient400() {
        ClientCredentials jwt = new ClientCredentials(List.of(), "portal", false, true, null);
        refused(TokenErrorCode.INVALID_CLIENT, 400, false, () -> authenticator().authenticate(jwt));
    }

    @Test
    void basicLoginOfTlsClientWithCertificateIsInvalidRequest() {
        ClientCredentials c = new ClientCredentials(
                List.of(basic("mtls-one:whatever")), null, false, false, new X509Certificate[] {certOne});
        refused(TokenErrorCode.INVALID_REQUEST, 400, false, () -> authenticator()
                .authenticate(c));
    }

    @Test
    void basicLoginOfTlsClientWithoutCertificateIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(headers(basic("mtls-one:whatever"))));
    }

    @Test
    void certificateOfBasicClientIsTransportNotASecondMethod() throws TokenRefusal {
        ClientCredentials c = new ClientCredentials(
                List.of(basic("portal:s3cret")), null, false, false, new X509Certificate[] {certNobody});
        AuthenticatedClient a = authenticator().authenticate(c);
        assertEquals("portal", a.clientId());
        assertEquals(ClientAuthentication.CLIENT_SECRET_BASIC, a.method());
    }

    @Test
    void basicWithSameClientIdInBodyAuthenticates() throws TokenRefusal {
        ClientCredentials c = new ClientCredentials(List.of(basic("portal:s3cret")), "portal", false, false, null);
        assertEquals("portal", authenticator().authenticate(c).clientId());
    }

    @Test
    void basicWithOtherClientIdInBodyIsInvalidClient401() {
        ClientCredentials c = new ClientCredentials(List.of(basic("portal:s3cret")), "my client", false, false, null);
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator().authenticate(c));
    }

    // ---------------------------------------------------------------- tls_client_auth

    @Test
    void certificateBoundToOneClientAuthenticates() throws TokenRefusal {
        AuthenticatedClient c = authenticator().authenticate(certificate(null, certOne));
        assertEquals(
                new AuthenticatedClient(
                        "mtls-one", ClientAuthentication.TLS_CLIENT_AUTH, CertificateBinding.sha256Hex(certOne)),
                c);
    }

    @Test
    void certificateBoundToOneClientWithItsClientIdAuthenticates() throws TokenRefusal {
        assertEquals(
                "mtls-one",
                authenticator().authenticate(certificate("mtls-one", certOne)).clientId());
    }

    @Test
    void certificateBoundToNoClientIsInvalidClient400() {
        refused(TokenErrorCode.INVALID_CLIENT, 400, false, () -> authenticator()
                .authenticate(certificate(null, certNobody)));
    }

    @Test
    void certificateBoundToTwoClientsWithoutClientIdIsInvalidClient() {
        refused(TokenErrorCode.INVALID_CLIENT, 400, false, () -> authenticator()
                .authenticate(certificate(null, certShared)));
    }

    @Test
    void certificateBoundToTwoClientsWithClientIdAuthenticatesThatClient() throws TokenRefusal {
        assertEquals(
                "mtls-b",
                authenticator().authenticate(certificate("mtls-b", certShared)).clientId());
        assertEquals(
                "mtls-a",
                authenticator().authenticate(certificate("mtls-a", certShared)).clientId());
    }

    @Test
    void clientIdNamingAnotherClientIsInvalidClient() {
        refused(TokenErrorCode.INVALID_CLIENT, 400, false, () -> authenticator()
                .authenticate(certificate("mtls-a", certOne)));
        refused(TokenErrorCode.INVALID_CLIENT, 400, false, () -> authenticator()
                .authenticate(certificate("portal", certOne)));
    }

    @Test
    void certificateRefusedByCheckerIsInvalidClient() {
        ClientAuthenticator strict = new ClientAuthenticator(
                directory, chain -> CertificateCheck.refused(CertificateFailure.REVOKED, chain[0], "serial 42"));
        TokenRefusal r = refused(
                TokenErrorCode.INVALID_CLIENT, 400, false, () -> strict.authenticate(certificate(null, certOne)));
        assertTrue(r.traceDetail().contains("REVOKED: serial 42"), r.traceDetail());
        assertTrue(directory.consulted.isEmpty(), "directory consulted for a refused certificate");
    }

    @Test
    void checkerSeesTheWholeChain() throws TokenRefusal {
        List<X509Certificate[]> seen = new ArrayList<>();
        ClientAuthenticator a = new ClientAuthenticator(directory, chain -> {
            seen.add(chain);
            return accept(chain);
        });
        a.authenticate(certificate(null, certOne, certNobody));
        assertEquals(1, seen.size());
        assertEquals(List.of(certOne, certNobody), List.of(seen.get(0)));
    }

    @Test
    void noCredentialsAtAllIsInvalidClient401() {
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(new ClientCredentials(List.of(), null, false, false, null)));
        refused(TokenErrorCode.INVALID_CLIENT, 401, true, () -> authenticator()
                .authenticate(new ClientCredentials(List.of(), "portal", false, false, new X509Certificate[0])));
    }
}
