package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** D-2, D-3: forwarding headers count only from our own proxies. */
class RequestOriginTest {

    private static final String PROXY = "10.0.0.2";
    private static final String PEER = "203.0.113.7";
    private static final String CERT = ":MIIB:";

    private static Map<String, String> headers(String... nameValue) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            h.put(nameValue[i], nameValue[i + 1]);
        }
        return h;
    }

    private static RequestOrigin of(String peer, boolean secure, Map<String, String> h, String... trusted) {
        return RequestOrigin.of(peer, secure, h::get, Set.of(trusted));
    }

    @Test
    void directRequestWithoutForwardingHeaders() {
        RequestOrigin o = of(PEER, true, headers(), PROXY);
        assertEquals(new RequestOrigin(PEER, PEER, true, false, null, false), o);
        assertFalse(of(PEER, false, headers()).secure());
    }

    @Test
    void untrustedPeerForwardingHeadersAreIgnoredAndFlagged() {
        RequestOrigin o = of(
                PEER,
                false,
                headers(
                        "X-Forwarded-For",
                        "198.51.100.1",
                        "X-Forwarded-Proto",
                        "https",
                        RequestOrigin.CLIENT_CERT,
                        CERT),
                PROXY);
        assertEquals(PEER, o.peerAddress());
        assertEquals(PEER, o.clientAddress(), "X-Forwarded-For from an untrusted peer was used");
        assertFalse(o.secure(), "X-Forwarded-Proto from an untrusted peer made plain HTTP secure (D-3)");
        assertFalse(o.viaTrustedProxy());
        assertNull(o.forwardedClientCert(), "Client-Cert from an untrusted peer was kept (D-2)");
        assertTrue(o.untrustedForwarding());
    }

    @Test
    void eachForwardingHeaderAloneFromUntrustedPeerIsFlagged() {
        assertTrue(of(PEER, true, headers("X-Forwarded-For", "198.51.100.1")).untrustedForwarding());
        assertTrue(of(PEER, true, headers("X-Forwarded-Proto", "https")).untrustedForwarding());
        RequestOrigin cert = of(PEER, true, headers(RequestOrigin.CLIENT_CERT, CERT));
        assertTrue(cert.untrustedForwarding());
        assertNull(cert.forwardedClientCert());
    }

    @Test
    void trustedProxyClientAddressIsTheLastForwardedForHop() {
        RequestOrigin o = of(
                PROXY,
                false,
                headers("X-Forwarded-For", "192.0.2.1, 198.51.100.1,203.0.113.9", "X-Forwarded-Proto", "https"),
                PROXY);
        assertEquals(PROXY, o.peerAddress());
        assertEquals("203.0.113.9", o.clientAddress());
        assertTrue(o.viaTrustedProxy());
        assertFalse(o.untrustedForwarding());
    }

    @Test
    void trustedProxySingleHopIsStripped() {
        assertEquals(
                "198.51.100.1",
                of(PROXY, true, headers("X-Forwarded-For", "  198.51.100.1  "), PROXY)
                        .clientAddress());
    }

    @Test
    void trustedProxyWithoutForwardedForClientIsThePeer() {
        assertEquals(PROXY, of(PROXY, true, headers(), PROXY).clientAddress());
        assertEquals(
                PROXY, of(PROXY, true, headers("X-Forwarded-For", " "), PROXY).clientAddress());
    }

    @Test
    void trustedProxySecureFromForwardedProtoHttps() {
        assertTrue(
                of(PROXY, false, headers("X-Forwarded-Proto", "https"), PROXY).secure());
        assertTrue(
                of(PROXY, false, headers("X-Forwarded-Proto", " HTTPS "), PROXY).secure());
    }

    @Test
    void trustedProxyPlainHttpWithoutHttpsProtoIsNotSecure() {
        assertFalse(of(PROXY, false, headers(), PROXY).secure());
        assertFalse(
                of(PROXY, false, headers("X-Forwarded-Proto", "http"), PROXY).secure());
        assertFalse(
                of(PROXY, false, headers("X-Forwarded-Proto", "httpsx"), PROXY).secure());
    }

    @Test
    void trustedProxyOverTlsIsSecure() {
        assertTrue(of(PROXY, true, headers(), PROXY).secure());
    }

    @Test
    void trustedProxyClientCertIsPassedOn() {
        RequestOrigin o = of(PROXY, true, headers(RequestOrigin.CLIENT_CERT, CERT), PROXY);
        assertEquals(CERT, o.forwardedClientCert());
        assertTrue(o.viaTrustedProxy());
    }

    @Test
    void noTrustedProxiesByDefaultMeansNobodyIsTrusted() {
        RequestOrigin o = of(PROXY, false, headers("X-Forwarded-Proto", "https", "X-Forwarded-For", "1.2.3.4"));
        assertFalse(o.viaTrustedProxy());
        assertFalse(o.secure());
        assertEquals(PROXY, o.clientAddress());
    }

    @Test
    void trustedProxiesAreComparedAsAddressesNotText() {
        assertTrue(of("0:0:0:0:0:0:0:1", false, headers("X-Forwarded-Proto", "https"), "::1")
                .viaTrustedProxy());
    }
}
