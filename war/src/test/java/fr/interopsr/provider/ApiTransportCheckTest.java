package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.devpki.DevPki;
import fr.interopsr.pki.CertificateCheck;
import fr.interopsr.pki.CertificateFailure;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.pki.TestPki;
import fr.interopsr.platform.RequestOrigin;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of {@link ApiTransportCheck}: what {@code /api/} refuses before it reads the VI (D-1, D-2, D-3). */
class ApiTransportCheckTest {

    static final String PROXY = "10.0.0.10";
    static final String CLIENT = "192.0.2.7";
    static X509Certificate client;
    static X509Certificate caCert;
    static final Function<X509Certificate[], CertificateCheck> ACCEPT =
            chain -> TestPki.accepted(chain[0], caCert, caCert);

    @BeforeAll
    static void certs() throws Exception {
        Instant now = Instant.now();
        DevPki.Ca ca = DevPki.createCa("CN=Test CA,C=FR", now, now.plus(Duration.ofDays(10)));
        caCert = ca.certificate();
        client = DevPki.issueClientCertificate(
                        ca.privateKey(),
                        ca.certificate(),
                        "CN=client,C=FR",
                        now,
                        now.plus(Duration.ofDays(10)),
                        true,
                        null)
                .certificate();
    }

    private static RequestOrigin viaProxy(boolean https, String clientCert) {
        Map<String, String> headers = clientCert == null
                ? Map.of("X-Forwarded-Proto", https ? "https" : "http")
                : Map.of("X-Forwarded-Proto", https ? "https" : "http", RequestOrigin.CLIENT_CERT, clientCert);
        return RequestOrigin.of(PROXY, false, headers::get, Set.of(PROXY));
    }

    private static RequestOrigin direct(boolean https) {
        return RequestOrigin.of(CLIENT, https, h -> null, Set.of(PROXY));
    }

    private static Optional<ApiTransportCheck.Refusal> check(
            RequestOrigin origin, X509Certificate[] tls, Function<X509Certificate[], CertificateCheck> check) {
        return ApiTransportCheck.check(origin, PresentedChain.of(origin, tls), check)
                .refusal();
    }

    private static CertificateCheck refusedAs(X509Certificate[] chain, CertificateFailure failure, String detail) {
        return CertificateCheck.refused(failure, chain[0], detail);
    }

    @Test
    void httpsWithoutCertificateOrWithAnAcceptedOnePasses() throws Exception {
        assertTrue(check(direct(true), null, ACCEPT).isEmpty());
        assertTrue(check(direct(true), new X509Certificate[] {client}, ACCEPT).isEmpty());
        String header = ":" + Base64.getEncoder().encodeToString(client.getEncoded()) + ":";
        assertTrue(check(viaProxy(true, header), null, ACCEPT).isEmpty());
    }

    @Test
    void plainHttpIsRefusedFirst() {
        ApiTransportCheck.Refusal r = check(
                        direct(false),
                        new X509Certificate[] {client},
                        chain -> refusedAs(chain, CertificateFailure.UNTRUSTED, "x"))
                .orElseThrow();
        assertEquals(ValidationStep.TRANSPORT, r.step());
        assertEquals("invalid_request", r.error());
        assertEquals("HTTPS required", r.description());
        assertEquals("plain HTTP refused (D-3)", r.traceDetail());
        assertEquals(
                ValidationStep.TRANSPORT,
                check(viaProxy(false, "garbage"), null, ACCEPT).orElseThrow().step());
        assertEquals(
                "invalid_request",
                check(viaProxy(false, "garbage"), null, ACCEPT).orElseThrow().error());
    }

    @Test
    void aMalformedForwardedCertificateOfOurProxyIsInvalidTokenAtTheTransportStep() {
        List<X509Certificate[]> checked = new ArrayList<>();
        ApiTransportCheck.Refusal r = check(viaProxy(true, ":bm90IGEgY2VydA==:"), null, chain -> {
                    checked.add(chain);
                    return ACCEPT.apply(chain);
                })
                .orElseThrow();
        assertEquals(ValidationStep.TRANSPORT, r.step());
        assertEquals("invalid_token", r.error());
        assertEquals(ValidationResult.GENERIC_DESCRIPTION, r.description(), "D-12: nothing for the caller");
        assertTrue(
                r.traceDetail().startsWith("malformed Client-Cert header from trusted proxy " + PROXY),
                r.traceDetail());
        assertTrue(r.traceDetail().endsWith("(D-2)"), r.traceDetail());
        assertTrue(checked.isEmpty(), "no certificate to check");
    }

    @Test
    void aMalformedCertificateHeaderFromAnUntrustedPeerIsIgnored() {
        RequestOrigin untrusted =
                RequestOrigin.of(CLIENT, true, Map.of(RequestOrigin.CLIENT_CERT, "garbage")::get, Set.of(PROXY));
        assertTrue(check(untrusted, null, ACCEPT).isEmpty());
    }

    @Test
    void aCertificateRefusedByTheApplicationsCheckIsInvalidTokenAtTheMtlsStep() {
        X509Certificate[] tls = {client};
        List<X509Certificate[]> checked = new ArrayList<>();
        ApiTransportCheck.Refusal r = check(direct(true), tls, chain -> {
                    checked.add(chain);
                    return refusedAs(chain, CertificateFailure.REVOKED, "test");
                })
                .orElseThrow();
        assertEquals(ValidationStep.MTLS, r.step());
        assertEquals("invalid_token", r.error());
        assertEquals(ValidationResult.GENERIC_DESCRIPTION, r.description());
        assertEquals("client certificate refused: REVOKED: test (D-1)", r.traceDetail());
        assertEquals(1, checked.size());
        assertSame(client, checked.get(0)[0]);
    }
}
