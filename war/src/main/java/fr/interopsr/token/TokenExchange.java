package fr.interopsr.token;

import com.nimbusds.jose.JOSEException;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.pki.CertificateBinding;
import fr.interopsr.pki.CertificateThumbprint;
import fr.interopsr.pki.PresentedChain;
import fr.interopsr.platform.IpAddresses;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.vi.IdentificationVectorIssuer;
import fr.interopsr.vi.IssuedVector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The token endpoint's decision, in plain Java (IR-1..IR-6, D-2, D-3, D-6..D-8): from the request
 * as received to either a VI or a refusal, with the generation trace of either (IR-18). The
 * order: transport, body, methods counted, grant_type, client authentication, scopes, convention
 * (IR-5), partner address, certificate binding (RFC 8705 §3), VI.
 */
public final class TokenExchange {

    private static final Logger LOG = Logger.getLogger(TokenExchange.class.getName());
    private static final String FORM = "application/x-www-form-urlencoded";

    private final ClientAuthenticator authenticator;
    private final Supplier<ConventionIndex> conventions;
    private final IdentificationVectorIssuer issuer;
    private final String ownIssuer;
    private final Clock clock;

    public TokenExchange(
            ClientAuthenticator authenticator,
            Supplier<ConventionIndex> conventions,
            IdentificationVectorIssuer issuer,
            String ownIssuer,
            Clock clock) {
        this.authenticator = authenticator;
        this.conventions = conventions;
        this.issuer = issuer;
        this.ownIssuer = ownIssuer;
        this.clock = clock;
    }

    /** Either an answer or a refusal, and always the trace to commit before either is sent. */
    public record Outcome(Optional<TokenAnswer> answer, Optional<TokenRefusal> refusal, TraceEntry trace) {}

    public Outcome exchange(TokenHttpRequest request) {
        Instant now = clock.instant();
        TraceEntry.Builder trace = TraceEntry.builder(TraceKind.VI_GENERATION, now)
                .remoteAddress(request.origin().clientAddress())
                .issuer(ownIssuer);
        if (request.origin().untrustedForwarding()) {
            trace.detail(
                    "forwarding headers from untrusted peer " + request.origin().peerAddress() + " ignored (D-2)");
        }
        try {
            TokenAnswer answer = decide(request, trace, now);
            trace.success();
            return new Outcome(Optional.of(answer), Optional.empty(), trace.build());
        } catch (TokenRefusal refusal) {
            String detail = refusal.traceDetail();
            if (request.origin().untrustedForwarding()) {
                detail = detail + "; forwarding headers from untrusted peer ignored (D-2)";
            }
            trace.failure(refusal.code().code(), detail);
            return new Outcome(Optional.empty(), Optional.of(refusal), trace.build());
        }
    }

    private TokenAnswer decide(TokenHttpRequest request, TraceEntry.Builder trace, Instant now) throws TokenRefusal {
        if (!request.origin().secure()) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "HTTPS required", "plain HTTP refused (D-3)");
        }
        checkContentType(request.contentType());
        if (request.body() == null) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "the request body is too large or unreadable");
        }
        Map<String, String> params = FormBody.parse(request.body());
        X509Certificate[] chain = certificateChain(request);
        ClientCredentials credentials = new ClientCredentials(
                request.authorizationHeaders(),
                params.get("client_id"),
                params.containsKey("client_secret"),
                params.containsKey("client_assertion") || params.containsKey("client_assertion_type"),
                chain);
        if (ClientAuthenticator.certificateIsTheMethod(credentials)) {
            // D-8: only a certificate that authenticates the client is checked, so only that one is traced; one that
            // comes with Basic is transport, unchecked, and its fingerprint would tie the trace to whoever holds it
            trace.certificateSha256(CertificateBinding.sha256Hex(chain[0]));
        }
        ClientAuthenticator.checkSingleMethod(credentials);
        GrantType.check(params.get("grant_type"));
        AuthenticatedClient client = authenticator.authenticate(credentials);
        trace.clientId(client.clientId())
                .subject(client.clientId())
                .authMethod(client.method().jsonName());
        Optional<Set<String>> requested = RequestedScopes.parse(params.get("scope"));
        requested.ifPresent(s -> trace.scopes(String.join(" ", s)));
        List<Convention> candidates = conventions.get().activeOf(client.clientId(), ownIssuer);
        ScopeGrant grant = ScopeResolver.resolve(requested, candidates);
        Convention convention = grant.convention();
        var doc = convention.document();
        trace.convention(convention.id(), convention.revision())
                .audience(doc.serviceProvider().id())
                .serviceId(doc.dataProvider().serviceId())
                .scopes(String.join(" ", grant.scopes()));
        List<String> partnerAddresses = doc.serviceProvider().reverseProxyIps();
        if (!partnerAddresses.isEmpty()
                && !IpAddresses.contains(partnerAddresses, request.origin().clientAddress())) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_CLIENT,
                    "client authentication failed",
                    "address " + request.origin().clientAddress() + " is not among the partner's addresses "
                            + partnerAddresses + " of convention " + convention.id() + " (D-2)");
        }
        Optional<String> binding = certificateBinding(doc, client, chain, convention.id());
        IssuedVector vector;
        try {
            vector = issuer.issue(doc, client.clientId(), grant.scopes(), now, binding)
                    .orElseThrow(() -> TokenRefusal.of(
                            TokenErrorCode.UNAUTHORIZED_CLIENT,
                            "this identity provider cannot sign with the convention's algorithms",
                            "no signing key for " + doc.identityProvider().signatureAlgorithms() + " of convention "
                                    + convention.id()));
        } catch (JOSEException e) {
            LOG.log(Level.SEVERE, "signing failed for convention " + convention.id(), e);
            throw TokenRefusal.of(
                    TokenErrorCode.TEMPORARILY_UNAVAILABLE,
                    "the VI could not be signed",
                    "signing failed: " + e.getMessage());
        }
        trace.jti(vector.jti());
        return new TokenAnswer(vector, grant.scopes(), client.method());
    }

    /**
     * RFC 8705 §3 (P-44): the {@code x5t#S256} the VI is bound to when the convention has {@code certificateBoundVi}:
     * that of the certificate the client authenticated with ({@code tls_client_auth}, D-8), the one whose SHA-256 the
     * trace records. The reader allows the field only with {@code tls_client_auth}, and D-6 makes every convention of
     * a client agree on it, so a client without a certificate cannot reach here; if one did, no unbound VI is issued.
     */
    static Optional<String> certificateBinding(
            ConventionDocument doc, AuthenticatedClient client, X509Certificate[] chain, String conventionId)
            throws TokenRefusal {
        if (!doc.identityProvider().certificateBoundVi()) {
            return Optional.empty();
        }
        if (client.method() != ClientAuthentication.TLS_CLIENT_AUTH || chain == null || chain.length == 0) {
            throw TokenRefusal.of(
                    TokenErrorCode.UNAUTHORIZED_CLIENT,
                    "this client cannot obtain certificate-bound VIs",
                    "convention " + conventionId + " binds VIs to the client certificate (certificateBoundVi) and"
                            + " client " + client.clientId() + " did not authenticate with one (RFC 8705 §3)");
        }
        return Optional.of(CertificateThumbprint.x5tS256(chain[0]));
    }

    /** IR-1: form-urlencoded, UTF-8 (a charset parameter, if any, must say so). */
    static void checkContentType(String contentType) throws TokenRefusal {
        if (contentType == null) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "Content-Type must be " + FORM);
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase(FORM)) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "Content-Type must be " + FORM);
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String cs = p.substring(8).replace("\"", "");
                if (!cs.equals("utf-8")) {
                    throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "the body must be UTF-8 (IR-1)");
                }
            }
        }
    }

    /**
     * The chain presented ({@link PresentedChain}: the certificate forwarded by one of our own proxies, else the TLS
     * chain), or null for none; a malformed forwarded {@code Client-Cert} is {@code invalid_client} (D-2).
     */
    static X509Certificate[] certificateChain(TokenHttpRequest request) throws TokenRefusal {
        PresentedChain presented = PresentedChain.of(request.origin(), request.directCertificates());
        if (presented.malformed().isPresent()) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_CLIENT,
                    "the client certificate is not accepted",
                    presented.malformed().get() + " (D-2)");
        }
        return presented.chain().orElse(null);
    }
}
