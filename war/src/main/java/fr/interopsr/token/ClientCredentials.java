package fr.interopsr.token;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The credentials a token request carries, before any is checked (D-8): the
 * {@code Authorization} headers, the credential parameters of the body, and the TLS client
 * certificate chain, direct or forwarded by a trusted proxy (D-2).
 *
 * @param authorizationHeaders every {@code Authorization} header value
 * @param bodyClientId         the {@code client_id} parameter, or null
 * @param bodySecret           whether the body has {@code client_secret}
 * @param bodyAssertion        whether the body has {@code client_assertion}
 * @param certificateChain     the client certificate chain, leaf first, or null
 */
public record ClientCredentials(
        List<String> authorizationHeaders,
        String bodyClientId,
        boolean bodySecret,
        boolean bodyAssertion,
        X509Certificate[] certificateChain) {}
