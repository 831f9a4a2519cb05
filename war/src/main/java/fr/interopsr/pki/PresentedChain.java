package fr.interopsr.pki;

import fr.interopsr.platform.RequestOrigin;
import jakarta.servlet.ServletRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client certificate chain a request presents, taken from it in the one place the token
 * endpoint and the data provider share (D-1, D-2). When the TCP peer is one of <em>our own</em>
 * TLS-terminating proxies, only the certificate it forwards in the RFC 9440 {@code Client-Cert}
 * header (with its {@code Client-Cert-Chain}) counts, and without that header the request presents
 * none: the certificate the proxy itself shows on the connection is the proxy's, never the
 * partner's. From any other peer, the chain is that of the TLS session itself (the Servlet
 * attribute {@value #TLS_ATTRIBUTE}); a forwarded header from such a peer never gets here:
 * {@link RequestOrigin} keeps it only from a trusted proxy.
 *
 * <p>Three outcomes: none, a chain, or a forwarded {@code Client-Cert} that is there but malformed
 * (with the reason, for the trace). Both callers refuse the last (D-2): {@code invalid_client} at the
 * token endpoint, 401 {@code invalid_token} under {@code /api/}. A malformed
 * {@code Client-Cert-Chain} is not refused here: the chain is then the leaf alone, and the
 * application's own check ({@link ClientCertificates}, D-1) refuses it if it needs the intermediates.
 * Nothing here says whether the chain is to be trusted: that is {@link ClientCertificates}' work.
 */
public final class PresentedChain {

    /** The Servlet request attribute of the TLS session's client certificate chain (Servlet 6.0, "SSL Attributes"). */
    public static final String TLS_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private static final PresentedChain NONE = new PresentedChain(null, null, false);

    private final X509Certificate[] chain;
    private final String malformed;
    private final boolean forwarded;

    private PresentedChain(X509Certificate[] chain, String malformed, boolean forwarded) {
        this.chain = chain;
        this.malformed = malformed;
        this.forwarded = forwarded;
    }

    /** The chain this request presents, read from the container's TLS attribute and the request's origin. */
    public static PresentedChain of(ServletRequest request, RequestOrigin origin) {
        return of(origin, tlsChain(request));
    }

    /**
     * The chain presented, from the request's origin and the TLS session's chain.
     *
     * @param origin   where the request comes from; its {@code Client-Cert} counts only from a trusted proxy
     * @param tlsChain the TLS session's chain ({@link #tlsChain}), null or empty for none; ignored when the peer
     *     is a trusted proxy
     */
    public static PresentedChain of(RequestOrigin origin, X509Certificate[] tlsChain) {
        if (origin.viaTrustedProxy()) {
            // D-2: from our proxy only its Client-Cert counts; its own TLS certificate never stands in for it
            return origin.forwardedClientCert() == null ? NONE : forwarded(origin);
        }
        return tlsChain == null || tlsChain.length == 0 ? NONE : new PresentedChain(tlsChain.clone(), null, false);
    }

    /** The TLS session's client certificate chain as the container exposes it, or null. */
    public static X509Certificate[] tlsChain(ServletRequest request) {
        return request.getAttribute(TLS_ATTRIBUTE) instanceof X509Certificate[] chain ? chain : null;
    }

    /** Our own proxy's {@code Client-Cert}, the only certificate a request through it presents (D-2). */
    private static PresentedChain forwarded(RequestOrigin origin) {
        ForwardedClientCertificate.Parsed leaf = ForwardedClientCertificate.read(origin.forwardedClientCert());
        if (leaf.certificate().isEmpty()) {
            return new PresentedChain(
                    null,
                    "malformed Client-Cert header from trusted proxy " + origin.peerAddress() + ": " + leaf.problem(),
                    true);
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf.certificate().get());
        if (origin.forwardedClientCertChain() != null) {
            ForwardedClientCertificate.parseChain(origin.forwardedClientCertChain())
                    .ifPresent(chain::addAll);
        }
        return new PresentedChain(chain.toArray(new X509Certificate[0]), null, true);
    }

    /** No certificate at all. */
    public boolean none() {
        return chain == null && malformed == null;
    }

    /** Why the forwarded {@code Client-Cert} was refused, for the trace; empty unless it is malformed. */
    public Optional<String> malformed() {
        return Optional.ofNullable(malformed);
    }

    /** The chain, leaf first; empty when none or malformed. */
    public Optional<X509Certificate[]> chain() {
        return chain == null ? Optional.empty() : Optional.of(chain.clone());
    }

    /** The leaf certificate, or null when none or malformed. */
    public X509Certificate leaf() {
        return chain == null ? null : chain[0];
    }

    /** The chain came from our proxy's {@code Client-Cert} header rather than from the TLS session. */
    public boolean forwarded() {
        return forwarded;
    }

    @Override
    public String toString() {
        return malformed != null
                ? "PresentedChain[malformed: " + malformed + "]"
                : chain == null
                        ? "PresentedChain[none]"
                        : "PresentedChain[" + chain.length + (forwarded ? " forwarded]" : " from TLS]");
    }
}
