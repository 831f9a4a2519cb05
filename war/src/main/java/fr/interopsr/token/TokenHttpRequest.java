package fr.interopsr.token;

import fr.interopsr.platform.RequestOrigin;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A token request as the container handed it over, before any rule is applied.
 *
 * @param origin               peer, client address, HTTPS or not, forwarded headers (D-2, D-3)
 * @param contentType          the {@code Content-Type} header, or null
 * @param body                 the body, or null when it was larger than the limit
 * @param authorizationHeaders every {@code Authorization} header
 * @param directCertificates   the chain of the TLS session ({@code PresentedChain.tlsChain}), or null
 */
public record TokenHttpRequest(
        RequestOrigin origin,
        String contentType,
        byte[] body,
        List<String> authorizationHeaders,
        X509Certificate[] directCertificates) {}
