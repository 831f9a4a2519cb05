package fr.interopsr.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.devpki.DevPki;
import fr.interopsr.platform.RequestOrigin;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tests of {@link PresentedChain}: the one place a request's client certificate chain is taken from (D-1, D-2). */
class PresentedChainTest {

    static final String PROXY = "10.0.0.10";
    static final String CLIENT = "192.0.2.7";

    static DevPki.Ca ca;
    static X509Certificate client;
    static X509Certificate proxyOwn;

    @BeforeAll
    static void certs() throws Exception {
        Instant now = Instant.now();
        ca = DevPki.createCa("CN=Test CA,C=FR", now, now.plus(Duration.ofDays(10)));
        client = issue("CN=client,C=FR", now);
        proxyOwn = issue("CN=proxy,C=FR", now);
    }

    private static X509Certificate issue(String dn, Instant now) throws Exception {
        return DevPki.issueClientCertificate(
                        ca.privateKey(), ca.certificate(), dn, now, now.plus(Duration.ofDays(10)), true, null)
                .certificate();
    }

    private static String header(X509Certificate c) throws Exception {
        return ":" + Base64.getEncoder().encodeToString(c.getEncoded()) + ":";
    }

    private static RequestOrigin origin(String peer, Map<String, String> headers) {
        return RequestOrigin.of(peer, true, headers::get, Set.of(PROXY));
    }

    @Test
    void noCertificateAtAll() {
        for (X509Certificate[] tls : new X509Certificate[][] {null, {}}) {
            PresentedChain p = PresentedChain.of(origin(CLIENT, Map.of()), tls);
            assertTrue(p.none());
            assertTrue(p.chain().isEmpty());
            assertTrue(p.malformed().isEmpty());
            assertNull(p.leaf());
            assertFalse(p.forwarded());
        }
    }

    @Test
    void theTlsChainOfADirectRequest() {
        X509Certificate[] tls = {client, ca.certificate()};
        PresentedChain p = PresentedChain.of(origin(CLIENT, Map.of()), tls);
        assertFalse(p.none());
        assertArrayEquals(tls, p.chain().orElseThrow());
        assertEquals(client, p.leaf());
        assertFalse(p.forwarded());
        tls[0] = proxyOwn;
        assertEquals(client, p.leaf(), "the chain was not copied");
    }

    @Test
    void theForwardedCertificateOfOurProxyWinsOverItsOwnTlsCertificate() throws Exception {
        PresentedChain p = PresentedChain.of(
                origin(PROXY, Map.of(RequestOrigin.CLIENT_CERT, header(client))), new X509Certificate[] {proxyOwn});
        assertArrayEquals(new X509Certificate[] {client}, p.chain().orElseThrow());
        assertTrue(p.forwarded());
    }

    @Test
    void ourProxysOwnTlsCertificateIsNeverThePartnersWhenItForwardsNone() {
        // D-2: a trusted proxy that shows its own certificate and forwards no Client-Cert presents nothing
        for (Map<String, String> headers : new Map[] {Map.of(), Map.of("X-Forwarded-For", CLIENT)}) {
            PresentedChain p =
                    PresentedChain.of(origin(PROXY, headers), new X509Certificate[] {proxyOwn, ca.certificate()});
            assertTrue(p.none(), "the proxy's own TLS certificate was taken for the partner's");
            assertTrue(p.chain().isEmpty());
            assertTrue(p.malformed().isEmpty());
            assertNull(p.leaf());
            assertFalse(p.forwarded());
        }
    }

    @Test
    void theForwardedChainFollowsTheLeaf() throws Exception {
        Map<String, String> headers = new HashMap<>();
        headers.put(RequestOrigin.CLIENT_CERT, header(client));
        headers.put(RequestOrigin.CLIENT_CERT_CHAIN, header(ca.certificate()));
        PresentedChain p = PresentedChain.of(origin(PROXY, headers), null);
        assertArrayEquals(
                new X509Certificate[] {client, ca.certificate()}, p.chain().orElseThrow());
    }

    @Test
    void aMalformedForwardedChainLeavesTheLeafAlone() throws Exception {
        // not refused here: the application's check (D-1) refuses a leaf that needs its intermediates
        Map<String, String> headers = new HashMap<>();
        headers.put(RequestOrigin.CLIENT_CERT, header(client));
        headers.put(RequestOrigin.CLIENT_CERT_CHAIN, "garbage");
        PresentedChain p = PresentedChain.of(origin(PROXY, headers), null);
        assertArrayEquals(new X509Certificate[] {client}, p.chain().orElseThrow());
        assertTrue(p.malformed().isEmpty());
    }

    @Test
    void aMalformedForwardedCertificateOfOurProxyIsMalformedWithItsReason() {
        for (String bad : new String[] {"", "garbage", ":bm90IGEgY2VydA==:", ":" + "A".repeat(20_000) + ":"}) {
            PresentedChain p = PresentedChain.of(
                    origin(PROXY, Map.of(RequestOrigin.CLIENT_CERT, bad)), new X509Certificate[] {proxyOwn});
            assertFalse(p.none(), bad);
            assertTrue(p.chain().isEmpty(), "the proxy's own certificate must not stand in for the client's");
            assertNull(p.leaf());
            assertTrue(p.forwarded());
            String reason = p.malformed().orElseThrow();
            assertTrue(reason.startsWith("malformed Client-Cert header from trusted proxy " + PROXY + ": "), reason);
        }
    }

    @Test
    void aForwardedCertificateFromAnyoneElseIsNeverRead() throws Exception {
        PresentedChain garbage = PresentedChain.of(origin(CLIENT, Map.of(RequestOrigin.CLIENT_CERT, "garbage")), null);
        assertTrue(garbage.none(), "a header from an untrusted peer is ignored, not malformed (D-2)");
        PresentedChain good = PresentedChain.of(
                origin(CLIENT, Map.of(RequestOrigin.CLIENT_CERT, header(client))), new X509Certificate[] {proxyOwn});
        assertEquals(proxyOwn, good.leaf());
        assertFalse(good.forwarded());
    }

    @Test
    void anOriginCarryingACertificateWithoutTheTrustedFlagIsNotBelieved() throws Exception {
        RequestOrigin forged = new RequestOrigin(CLIENT, CLIENT, true, false, header(client), false);
        assertTrue(PresentedChain.of(forged, null).none());
    }

    @Test
    void theTlsChainIsTheServletAttribute() {
        X509Certificate[] tls = {client};
        assertArrayEquals(tls, PresentedChain.tlsChain(request(tls)));
        assertNull(PresentedChain.tlsChain(request(null)));
        assertNull(PresentedChain.tlsChain(request("not a chain")));
        assertEquals(
                client,
                PresentedChain.of(request(tls), origin(CLIENT, Map.of())).leaf());
    }

    private static ServletRequest request(Object attribute) {
        return (ServletRequest) Proxy.newProxyInstance(
                PresentedChainTest.class.getClassLoader(), new Class<?>[] {ServletRequest.class}, (proxy, m, args) -> {
                    if (m.getName().equals("getAttribute") && PresentedChain.TLS_ATTRIBUTE.equals(args[0])) {
                        return attribute;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
