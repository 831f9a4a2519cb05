package fr.interopsr.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.UserAuthenticationTerms;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The token endpoint's decision, in plain Java (IR-1..IR-6, D-2, D-3, D-6..D-8): from the request
 * as received to either a VI or a refusal, with the generation trace of either (IR-18). The
 * order: transport, body, methods counted, grant_type, client authentication, scopes, convention
 * (IR-5), partner address, certificate binding (RFC 8705 §3), VI.
 * <p>
 * Issue 17 §3 (beyond Interops-R 1.0): the RFC 8693 token exchange follows the same order; its parameters are
 * checked after client authentication, IR-5 chooses among the client's conventions that have a
 * {@code userAuthentication} block, and after the partner address the ID token is verified
 * ({@link IdTokenVerifier}), traced as a {@link TraceKind#USER_AUTHENTICATION} whatever its outcome; a VI about
 * a user is certificate-bound as any other when its convention says so.
 */
public final class TokenExchange {

    private static final Logger LOG = Logger.getLogger(TokenExchange.class.getName());
    private static final String FORM = "application/x-www-form-urlencoded";
    /** RFC 8693 §3: an OpenID Connect ID token. */
    public static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";

    private final ClientAuthenticator authenticator;
    private final Supplier<ConventionIndex> conventions;
    private final IdentificationVectorIssuer issuer;
    private final String ownIssuer;
    private final Clock clock;
    private final Function<UserAuthenticationTerms, JWKSource<SecurityContext>> providerKeys;

    public TokenExchange(
            ClientAuthenticator authenticator,
            Supplier<ConventionIndex> conventions,
            IdentificationVectorIssuer issuer,
            String ownIssuer,
            Clock clock) {
        this(authenticator, conventions, issuer, ownIssuer, clock, TokenExchange::inlineKeys);
    }

    /** @param providerKeys the keys of a convention's OpenID provider ({@link ProviderKeys}) */
    public TokenExchange(
            ClientAuthenticator authenticator,
            Supplier<ConventionIndex> conventions,
            IdentificationVectorIssuer issuer,
            String ownIssuer,
            Clock clock,
            Function<UserAuthenticationTerms, JWKSource<SecurityContext>> providerKeys) {
        this.authenticator = authenticator;
        this.conventions = conventions;
        this.issuer = issuer;
        this.ownIssuer = ownIssuer;
        this.clock = clock;
        this.providerKeys = providerKeys;
    }

    private static JWKSource<SecurityContext> inlineKeys(UserAuthenticationTerms terms) {
        return new ImmutableJWKSet<>(terms.jwkSet()
                .orElseThrow(() -> new IllegalStateException("no fetcher for jwksUri " + terms.jwksUri())));
    }

    /**
     * Either an answer or a refusal, and always the trace to commit before either is sent; a token exchange that
     * reached its ID token adds the user authentication trace, committed before the answer too.
     */
    public record Outcome(
            Optional<TokenAnswer> answer,
            Optional<TokenRefusal> refusal,
            TraceEntry trace,
            Optional<TraceEntry> userTrace) {

        public Outcome(Optional<TokenAnswer> answer, Optional<TokenRefusal> refusal, TraceEntry trace) {
            this(answer, refusal, trace, Optional.empty());
        }
    }

    public Outcome exchange(TokenHttpRequest request) {
        Instant now = clock.instant();
        TraceEntry.Builder trace = TraceEntry.builder(TraceKind.VI_GENERATION, now)
                .remoteAddress(request.origin().clientAddress())
                .issuer(ownIssuer);
        if (request.origin().untrustedForwarding()) {
            trace.detail(
                    "forwarding headers from untrusted peer " + request.origin().peerAddress() + " ignored (D-2)");
        }
        List<TraceEntry> userTrace = new ArrayList<>(1);
        try {
            TokenAnswer answer = decide(request, trace, now, userTrace);
            trace.success();
            return new Outcome(
                    Optional.of(answer),
                    Optional.empty(),
                    trace.build(),
                    userTrace.stream().findFirst());
        } catch (TokenRefusal refusal) {
            String detail = refusal.traceDetail();
            if (request.origin().untrustedForwarding()) {
                detail = detail + "; forwarding headers from untrusted peer ignored (D-2)";
            }
            trace.failure(refusal.code().code(), detail);
            return new Outcome(
                    Optional.empty(),
                    Optional.of(refusal),
                    trace.build(),
                    userTrace.stream().findFirst());
        }
    }

    private TokenAnswer decide(
            TokenHttpRequest request, TraceEntry.Builder trace, Instant now, List<TraceEntry> userTrace)
            throws TokenRefusal {
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
        GrantType.Grant grantType = GrantType.check(params.get("grant_type"));
        AuthenticatedClient client = authenticator.authenticate(credentials);
        trace.clientId(client.clientId())
                .subject(client.clientId())
                .authMethod(client.method().jsonName());
        boolean exchange = grantType == GrantType.Grant.TOKEN_EXCHANGE;
        String subjectToken = exchange ? subjectToken(params) : null;
        Optional<Set<String>> requested = RequestedScopes.parse(params.get("scope"));
        requested.ifPresent(s -> trace.scopes(String.join(" ", s)));
        List<Convention> candidates = conventions.get().activeOf(client.clientId(), ownIssuer);
        if (exchange) {
            candidates = exchanging(candidates);
        }
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
        IdTokenVerifier.VerifiedUser user = null;
        if (exchange) {
            user = verifyUser(subjectToken, convention, client, request, now, userTrace);
            trace.subject(user.subject());
        }
        IssuedVector vector;
        try {
            Optional<IssuedVector> signed = user == null
                    ? issuer.issue(doc, client.clientId(), grant.scopes(), now, binding)
                    : issuer.issueAboutUser(
                            doc, user.subject(), user.level(), user.authTime(), grant.scopes(), now, binding);
            vector = signed.orElseThrow(() -> TokenRefusal.of(
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
        return new TokenAnswer(vector, grant.scopes(), client.method(), exchange);
    }

    /**
     * RFC 8693 §2.1 parameters of a token exchange: a {@code subject_token} of type {@code id_token} (the only type
     * accepted here); no {@code actor_token} (no delegation); {@code requested_token_type}, if any, the access token
     * type. {@code resource} and {@code audience} are ignored: the convention decides the VI's audience (P-53).
     */
    static String subjectToken(Map<String, String> params) throws TokenRefusal {
        String token = params.get("subject_token");
        if (token == null || token.isEmpty()) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "subject_token is required (RFC 8693 2.1)");
        }
        String type = params.get("subject_token_type");
        if (type == null || type.isEmpty()) {
            throw TokenRefusal.of(TokenErrorCode.INVALID_REQUEST, "subject_token_type is required (RFC 8693 2.1)");
        }
        if (!ID_TOKEN_TYPE.equals(type)) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_REQUEST,
                    "subject_token_type must be " + ID_TOKEN_TYPE + ": only OpenID Connect ID tokens are exchanged");
        }
        if (params.containsKey("actor_token") || params.containsKey("actor_token_type")) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_REQUEST, "actor_token is not supported: no delegation (RFC 8693 1.1)");
        }
        String requested = params.get("requested_token_type");
        if (requested != null && !TokenAnswer.ACCESS_TOKEN_TYPE.equals(requested)) {
            throw TokenRefusal.of(
                    TokenErrorCode.INVALID_REQUEST,
                    "requested_token_type must be " + TokenAnswer.ACCESS_TOKEN_TYPE + ", the only type issued");
        }
        return token;
    }

    /** The client's conventions that accept a token exchange; none: {@code unauthorized_client} (issue 17 §3). */
    static List<Convention> exchanging(List<Convention> candidates) throws TokenRefusal {
        List<Convention> exchanging = candidates.stream()
                .filter(c ->
                        c.document().identityProvider().userAuthentication().isPresent())
                .toList();
        if (!candidates.isEmpty() && exchanging.isEmpty()) {
            throw TokenRefusal.of(
                    TokenErrorCode.UNAUTHORIZED_CLIENT,
                    "token exchange is not allowed for this client: none of its conventions names an OpenID"
                            + " provider (identityProvider.userAuthentication)",
                    "token exchange under conventions "
                            + candidates.stream().map(Convention::id).toList()
                            + " without userAuthentication");
        }
        return exchanging;
    }

    /**
     * Verifies the ID token under the chosen convention and traces the user's authentication (IR-18's user
     * authentication trace): subject = the user's identifier at the OpenID provider (its {@code sub}), authMethod =
     * the eIDAS level its {@code acr} maps to, issuer = the provider; the provider's own {@code acr} in the detail.
     * A refused token is {@code invalid_request} (RFC 8693 2.2.2); keys that cannot be fetched,
     * {@code temporarily_unavailable}.
     */
    private IdTokenVerifier.VerifiedUser verifyUser(
            String subjectToken,
            Convention convention,
            AuthenticatedClient client,
            TokenHttpRequest request,
            Instant now,
            List<TraceEntry> userTrace)
            throws TokenRefusal {
        var doc = convention.document();
        UserAuthenticationTerms terms =
                doc.identityProvider().userAuthentication().orElseThrow();
        TraceEntry.Builder trace = TraceEntry.builder(TraceKind.USER_AUTHENTICATION, now)
                .remoteAddress(request.origin().clientAddress())
                .clientId(client.clientId())
                .convention(convention.id(), convention.revision())
                .issuer(terms.issuer());
        JWKSource<SecurityContext> keys;
        try {
            keys = providerKeys.apply(terms);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "no key source for the OpenID provider of convention " + convention.id(), e);
            keys = (selector, context) -> {
                throw new com.nimbusds.jose.KeySourceException("no key source: " + e.getMessage());
            };
        }
        try {
            IdTokenVerifier.VerifiedUser user = IdTokenVerifier.verify(
                    subjectToken,
                    terms,
                    keys,
                    doc.requiredAcr(),
                    now,
                    doc.dataProvider().allowedClockSkewSeconds());
            trace.subject(user.localSubject())
                    .authMethod(user.level().jsonName())
                    .detail("acr '" + user.providerAcr() + "', auth_time " + user.authTime()
                            + (user.subject().equals(user.localSubject())
                                    ? ""
                                    : "; VI sub from claim " + terms.subjectClaim()))
                    .success();
            userTrace.add(trace.build());
            return user;
        } catch (IdTokenVerifier.Refusal refusal) {
            refusal.localSubject().ifPresent(trace::subject);
            refusal.providerAcr().map(terms.acrValues()::get).ifPresent(level -> trace.authMethod(level.jsonName()));
            String detail = refusal.description()
                    + refusal.providerAcr().map(a -> "; acr '" + a + "'").orElse("");
            TokenErrorCode code =
                    refusal.keysUnavailable() ? TokenErrorCode.TEMPORARILY_UNAVAILABLE : TokenErrorCode.INVALID_REQUEST;
            trace.failure(code.code(), detail);
            userTrace.add(trace.build());
            if (refusal.keysUnavailable()) {
                throw TokenRefusal.of(
                        code, "the OpenID provider's keys could not be obtained; nothing was issued", detail);
            }
            throw TokenRefusal.of(code, refusal.description(), detail);
        }
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
