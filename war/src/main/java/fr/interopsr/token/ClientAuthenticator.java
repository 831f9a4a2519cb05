package fr.interopsr.token;

import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.CertificateCheck;
import fr.interopsr.pki.ValidatedCertificate;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates the client of a token request by the one method its conventions fix (IR-2,
 * D-6, D-8): {@code client_secret_basic} or {@code tls_client_auth} (RFC 8705). Counts the
 * methods first: more than one is {@code invalid_request}; a certificate that a Basic client
 * presents is transport, not a method.
 */
public final class ClientAuthenticator {

    private final ClientDirectory clients;
    private final CertificateChecker certificates;

    public ClientAuthenticator(ClientDirectory clients, CertificateChecker certificates) {
        this.clients = clients;
        this.certificates = certificates;
    }

    /** Refuses a request that uses several methods at once (IR-6, D-8); runs before grant_type. */
    public static void checkSingleMethod(ClientCredentials credentials) throws TokenRefusal {
        int methods = credentials.authorizationHeaders().size()
                + (credentials.bodySecret() ? 1 : 0)
                + (credentials.bodyAssertion() ? 1 : 0);
        if (methods > 1) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_REQUEST, "several client authentication methods in one request");
        }
    }

    public AuthenticatedClient authenticate(ClientCredentials credentials) throws TokenRefusal {
        checkSingleMethod(credentials);
        if (!credentials.authorizationHeaders().isEmpty()) {
            return basic(credentials.authorizationHeaders().get(0), credentials);
        }
        if (credentials.bodySecret() || credentials.bodyAssertion()) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_CLIENT,
                    "unsupported client authentication method: use HTTP Basic or a client certificate",
                    credentials.bodySecret() ? "client_secret_post attempted" : "client_assertion attempted");
        }
        if (certificateIsTheMethod(credentials)) {
            return certificate(credentials);
        }
        throw TokenRefusal.basicClient("client authentication is required", "no credentials");
    }

    /**
     * Whether the certificate is the request's authentication method ({@code tls_client_auth}), and so the one that
     * {@link #authenticate} checks: a certificate and no other credential. A certificate that comes with Basic or
     * body credentials is transport (D-8), never checked here, so the trace must not record it as the client's.
     */
    public static boolean certificateIsTheMethod(ClientCredentials credentials) {
        return credentials.authorizationHeaders().isEmpty()
                && !credentials.bodySecret()
                && !credentials.bodyAssertion()
                && credentials.certificateChain() != null
                && credentials.certificateChain().length > 0;
    }

    private AuthenticatedClient basic(String header, ClientCredentials credentials) throws TokenRefusal {
        String[] loginAndSecret = decodeBasic(header);
        String clientId = loginAndSecret[0];
        Optional<ClientAuthentication> method = clients.methodOf(clientId);
        if (method.isEmpty()) {
            throw TokenRefusal.basicClient("client authentication failed", "unknown client " + clientId);
        }
        if (method.get() == ClientAuthentication.TLS_CLIENT_AUTH) {
            if (credentials.certificateChain() != null && credentials.certificateChain().length > 0) {
                throw TokenRefusal.of(
                        TokenErrorCode.INVALID_REQUEST,
                        "several client authentication methods in one request",
                        "Basic and a certificate for tls_client_auth client " + clientId + " (D-8)");
            }
            throw TokenRefusal.basicClient(
                    "client authentication failed",
                    "client " + clientId + " must authenticate with its certificate (tls_client_auth)");
        }
        if (credentials.bodyClientId() != null && !credentials.bodyClientId().equals(clientId)) {
            throw TokenRefusal.basicClient(
                    "client authentication failed",
                    "client_id " + credentials.bodyClientId() + " differs from the Basic login " + clientId);
        }
        if (!clients.secretMatches(clientId, loginAndSecret[1])) {
            throw TokenRefusal.basicClient("client authentication failed", "wrong secret for client " + clientId);
        }
        return new AuthenticatedClient(clientId, ClientAuthentication.CLIENT_SECRET_BASIC, null);
    }

    private AuthenticatedClient certificate(ClientCredentials credentials) throws TokenRefusal {
        var chain = credentials.certificateChain();
        String sha256 = CertificateBinding.sha256Hex(chain[0]);
        CertificateCheck check = certificates.check(chain);
        if (!check.valid()) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_CLIENT,
                    "the client certificate is not accepted",
                    "certificate " + sha256 + " refused: " + check.problem().orElseThrow());
        }
        // bindings are matched on the validated path: by names only under a trusted CA by key (issue 14 §3)
        ValidatedCertificate validated = check.validated();
        List<String> bound = clients.clientsBoundTo(validated);
        String named = credentials.bodyClientId();
        if (named != null) {
            if (!bound.contains(named)) {
                throw TokenRefusal.of(
                        TokenErrorCode.INVALID_CLIENT,
                        "client authentication failed",
                        "certificate " + sha256 + " is not bound to client_id " + named + " (RFC 8705, D-8)"
                                + untrustedIssuerNote(validated));
            }
            return new AuthenticatedClient(named, ClientAuthentication.TLS_CLIENT_AUTH, sha256);
        }
        if (bound.size() == 1) {
            return new AuthenticatedClient(bound.get(0), ClientAuthentication.TLS_CLIENT_AUTH, sha256);
        }
        if (bound.isEmpty()) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_CLIENT,
                    "client authentication failed",
                    "certificate " + sha256 + " ("
                            + chain[0].getSubjectX500Principal().getName() + ") is bound to no tls_client_auth client"
                            + untrustedIssuerNote(validated));
        }
        throw TokenRefusal.of(
                TokenErrorCode.INVALID_CLIENT,
                "the certificate is bound to several clients: send client_id",
                "certificate " + sha256 + " bound to " + bound);
    }

    /**
     * Why a name binding could not hold, for the trace: the leaf's issuer in the validated path is not a CA certificate
     * of the trust store (issue 14 §3). Empty when it is.
     */
    static String untrustedIssuerNote(ValidatedCertificate validated) {
        return validated.issuedByTrustedCa()
                ? ""
                : "; its issuer " + validated.leaf().getIssuerX500Principal().getName()
                        + " is not a CA certificate of the trust store (compared by key), so no name binding"
                        + " holds for it";
    }

    /**
     * The login of Basic credentials, unverified (for the rate limits of the revocation endpoint, issue 17); throws
     * when they are not Basic credentials.
     */
    public static String decodeBasicLogin(String header) {
        try {
            return decodeBasic(header)[0];
        } catch (TokenRefusal e) {
            throw new IllegalArgumentException(e.description(), e);
        }
    }

    /** RFC 7617 with RFC 6749 §2.3.1: base64 of form-urlencoded login ':' secret, UTF-8 (D-8). */
    static String[] decodeBasic(String header) throws TokenRefusal {
        if (header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw TokenRefusal.basicClient(
                    "unsupported authentication scheme: use Basic", "Authorization scheme is not Basic");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(header.substring(6).strip());
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw TokenRefusal.basicClient("malformed Basic credentials", "no login:secret in Basic credentials");
            }
            String login = URLDecoder.decode(text.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(text.substring(colon + 1), StandardCharsets.UTF_8);
            if (login.isEmpty() || login.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw TokenRefusal.basicClient("malformed Basic credentials", "bad login in Basic credentials");
            }
            return new String[] {login, secret};
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw TokenRefusal.basicClient("malformed Basic credentials", "Basic credentials are not base64 of UTF-8");
        }
    }
}
