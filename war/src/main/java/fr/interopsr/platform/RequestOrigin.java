package fr.interopsr.platform;

import java.util.Set;
import java.util.function.Function;

/**
 * Where a request really comes from and over what (D-2, D-3): the TCP peer, and, only when that
 * peer is one of our own TLS-terminating proxies, what it forwards ({@code X-Forwarded-For},
 * {@code X-Forwarded-Proto}, RFC 9440 {@code Client-Cert}). The forwarded certificate stays text
 * here: {@code pki.PresentedChain} parses it (this package imports no feature).
 *
 * @param peerAddress        the TCP peer
 * @param clientAddress      the partner's address: the peer, or the last hop our proxy added
 * @param secure             HTTPS end to end as far as we can tell
 * @param viaTrustedProxy    the peer is in {@code interops.tls.trusted-proxies}
 * @param forwardedClientCert the {@code Client-Cert} header from a trusted proxy, else null
 * @param untrustedForwarding forwarding headers came from a peer we do not trust (to be traced)
 * @param forwardedClientCertChain the {@code Client-Cert-Chain} header from a trusted proxy, else null
 */
public record RequestOrigin(
        String peerAddress,
        String clientAddress,
        boolean secure,
        boolean viaTrustedProxy,
        String forwardedClientCert,
        boolean untrustedForwarding,
        String forwardedClientCertChain) {

    public static final String CLIENT_CERT = "Client-Cert";
    public static final String CLIENT_CERT_CHAIN = "Client-Cert-Chain";

    public RequestOrigin(
            String peerAddress,
            String clientAddress,
            boolean secure,
            boolean viaTrustedProxy,
            String forwardedClientCert,
            boolean untrustedForwarding) {
        this(peerAddress, clientAddress, secure, viaTrustedProxy, forwardedClientCert, untrustedForwarding, null);
    }

    /** Reads the origin from the peer, the transport and the request headers. */
    public static RequestOrigin of(
            String peerAddress, boolean transportSecure, Function<String, String> header, Set<String> trustedProxies) {
        String xff = header.apply("X-Forwarded-For");
        String proto = header.apply("X-Forwarded-Proto");
        String cert = header.apply(CLIENT_CERT);
        if (IpAddresses.contains(trustedProxies, peerAddress)) {
            String client = peerAddress;
            if (xff != null && !xff.isBlank()) {
                String[] hops = xff.split(",");
                client = hops[hops.length - 1].strip();
            }
            boolean secure = transportSecure || "https".equalsIgnoreCase(proto == null ? "" : proto.strip());
            return new RequestOrigin(peerAddress, client, secure, true, cert, false, header.apply(CLIENT_CERT_CHAIN));
        }
        boolean forwarding = xff != null || proto != null || cert != null;
        return new RequestOrigin(peerAddress, peerAddress, transportSecure, false, null, forwarding);
    }
}
