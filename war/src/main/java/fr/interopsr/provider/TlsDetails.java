package fr.interopsr.provider;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The TLS details of a request, as the Servlet specification exposes them: the request attributes
 * {@code jakarta.servlet.request.cipher_suite} and {@code jakarta.servlet.request.X509Certificate}
 * (Servlet 6.0, "SSL Attributes"). The specification does not say from when during the request
 * they are there: some containers set them before the authentication mechanism runs (Payara),
 * others only once authentication is over (Undertow, so WildFly). A secure request without its
 * cipher suite attribute has not had them set yet; a missing certificate then does not mean "no
 * certificate", and the VI check waits for {@link ApiAuthenticationFilter} (D-4).
 */
final class TlsDetails {

    static final String CIPHER_SUITE = "jakarta.servlet.request.cipher_suite";
    /** Request attribute: the VI check of this request waits for the filter. */
    static final String DEFERRED = TlsDetails.class.getName() + ".deferred";

    private TlsDetails() {}

    /** True when the request came over TLS but the container has not exposed its TLS details yet. */
    static boolean pending(HttpServletRequest request) {
        return request.isSecure() && request.getAttribute(CIPHER_SUITE) == null;
    }
}
