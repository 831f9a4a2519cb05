package fr.interopsr.access;

import fr.interopsr.convention.Convention;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import fr.interopsr.convention.ConventionRegistry.UploadedCertificate;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.convention.document.PemCertificates;
import fr.interopsr.pki.CertificateCheck;
import fr.interopsr.pki.ValidatedCertificate;
import fr.interopsr.provider.AccessRules;
import fr.interopsr.provider.ApiScopes;
import fr.interopsr.provider.ScopeRoute;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides an {@link AccessQuestion} with the data provider's rules (issue 18 §3), in plain Java:
 *
 * <ol>
 *   <li>the resource: the URI must name a method of a resource under {@code /api/}, whose table gives the scope it
 *       requires ({@link ScopeRoute}); else {@code resource} ({@code not_found} / {@code method_not_allowed});
 *   <li>the client certificate, when the question gives one as PEM, passes the application's check (D-1, with the
 *       trust store and CRLs as they are now), else {@code mtls} as at the API;
 *   <li>the convention (§3.5.2 step 7): the revision in force at the question's time (or the revision a replayed
 *       trace recorded), which must exist and be active; for a client, each of its conventions active then;
 *   <li>the rules of that revision, by the data provider's own steps ({@link AccessRules}): origin, mutual TLS,
 *       target service, scopes, environment, then the resource's scope.
 * </ol>
 *
 * For a client with several active conventions the call is allowed when one of them allows it (the client would ask
 * for its VI under that one); otherwise the refusal of the first, by id, is given.
 */
public final class AccessEvaluator {

    /** A question about a time later than now plus this is refused: the rules of the future are not known. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final ConventionTimeline timeline;
    private final Supplier<List<UploadedCertificate>> uploaded;
    private final Function<X509Certificate[], CertificateCheck> certificateCheck;
    private final Set<String> serviceIds;
    private final String contextPath;
    private final Clock clock;

    /**
     * @param timeline         the conventions' history
     * @param uploaded         the uploaded client certificates, as they are now (D-6; not versioned)
     * @param certificateCheck the application's check of a client certificate chain (D-1), as it is now
     * @param serviceIds       the services this data provider serves
     * @param contextPath      the WAR's context root, {@code /interops}
     */
    public AccessEvaluator(
            ConventionTimeline timeline,
            Supplier<List<UploadedCertificate>> uploaded,
            Function<X509Certificate[], CertificateCheck> certificateCheck,
            Set<String> serviceIds,
            String contextPath,
            Clock clock) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.uploaded = Objects.requireNonNull(uploaded, "uploaded");
        this.certificateCheck = Objects.requireNonNull(certificateCheck, "certificateCheck");
        this.serviceIds = Set.copyOf(serviceIds);
        this.contextPath = contextPath == null ? "" : contextPath;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether the question is about this client's own calls (D-27): the client itself, or a convention whose
     * {@code serviceProvider.clientId} is that client, in the revision the question would be judged under or, when it
     * has none then, its current one. An unknown convention concerns nobody (so a stranger learns nothing from a 403).
     */
    public boolean concerns(AccessQuestion q, String clientId) {
        if (q.subjectType().equals(AccessQuestion.CLIENT)) {
            return q.subjectId().equals(clientId);
        }
        Optional<ConventionTimeline.Revision> judged = q.pinnedRevision() != null
                ? timeline.revision(q.subjectId(), q.pinnedRevision())
                : timeline.inForceAt(time(q)).stream()
                        .filter(r -> r.convention().id().equals(q.subjectId()))
                        .findFirst();
        Optional<ConventionTimeline.Revision> owner = judged.isPresent() ? judged : timeline.current(q.subjectId());
        return owner.map(r -> clientId.equals(r.convention().clientId())).orElse(false);
    }

    private Instant time(AccessQuestion q) {
        return q.timestamp() == null ? clock.instant() : q.timestamp();
    }

    /**
     * The decision.
     *
     * @throws AccessQuestions.Invalid when the question cannot be judged (a time in the future, a PEM that is not a
     *     certificate): the endpoint answers 400
     */
    public AccessDecision evaluate(AccessQuestion q) throws AccessQuestions.Invalid {
        Instant now = clock.instant();
        Instant at = time(q);
        if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw new AccessQuestions.Invalid("context.timestamp " + at + " is in the future: only the rules in force"
                    + " now and in the past are known");
        }
        boolean replay = q.pinnedRevision() != null || (q.timestamp() != null && at.isBefore(now));
        Outcome out = new Outcome(q, at, replay);

        // the resource and the scope its method requires
        String path = path(q.resource());
        String prefix = contextPath + "/api/";
        if (path == null || !path.startsWith(prefix)) {
            return out.refused(
                    "resource",
                    "not_found",
                    "not a resource of this data provider: its resources are under " + prefix,
                    null);
        }
        String relative = path.substring(contextPath.length() + 1);
        String method = q.method().equals("HEAD") ? "GET" : q.method();
        Optional<ScopeRoute> route = ScopeRoute.find(ApiScopes.ROUTES, method, relative);
        if (route.isEmpty()) {
            boolean known = ScopeRoute.anyForPath(ApiScopes.ROUTES, relative);
            return out.refused(
                    "resource",
                    known ? "method_not_allowed" : "not_found",
                    known ? q.method() + " is not a method of " + path : "no resource answers " + path,
                    null);
        }
        out.requiredScope = route.get().scope();

        // the client certificate, as the API's transport check does it (D-1), with the trust material of now
        ValidatedCertificate certificate = null;
        if (q.certificatePem() != null) {
            List<X509Certificate> chain;
            try {
                chain = PemCertificates.parse(q.certificatePem());
            } catch (IllegalArgumentException e) {
                throw new AccessQuestions.Invalid("context.http.client_certificate " + e.getMessage());
            }
            if (chain.isEmpty()) {
                throw new AccessQuestions.Invalid("context.http.client_certificate holds no readable certificate");
            }
            CertificateCheck check = certificateCheck.apply(chain.toArray(X509Certificate[]::new));
            if (!check.valid()) {
                return out.refused(
                        "mtls",
                        "invalid_token",
                        "client certificate refused: " + check.problem().orElse("?") + " (D-1)",
                        null);
            }
            certificate = check.validated();
        }

        // the convention: the revision in force then (or the one the replayed trace recorded), active
        List<ConventionTimeline.Revision> inForce = timeline.inForceAt(at);
        List<ConventionTimeline.Revision> candidates = new ArrayList<>();
        if (q.subjectType().equals(AccessQuestion.CONVENTION)) {
            Optional<ConventionTimeline.Revision> found = q.pinnedRevision() != null
                    ? timeline.revision(q.subjectId(), q.pinnedRevision())
                    : inForce.stream()
                            .filter(r -> r.convention().id().equals(q.subjectId()))
                            .findFirst();
            if (found.isEmpty()) {
                return out.refused(
                        "convention",
                        "invalid_token",
                        q.pinnedRevision() != null
                                ? "convention " + q.subjectId() + " has no revision " + q.pinnedRevision()
                                : "convention " + q.subjectId() + " had no revision in force at " + at,
                        null);
            }
            ConventionTimeline.Revision r = found.get();
            if (r.convention().document().status() != ConventionStatus.ACTIVE) {
                return out.refused(
                        "convention",
                        "invalid_token",
                        "convention " + r.convention().id() + " revision "
                                + r.convention().revision() + " is "
                                + r.convention().document().status().jsonName()
                                + ": step 7 finds active conventions only",
                        r);
            }
            candidates.add(r);
        } else {
            inForce.stream()
                    .filter(r -> r.convention().clientId().equals(q.subjectId())
                            && r.convention().active())
                    .sorted(Comparator.comparing(r -> r.convention().id()))
                    .forEach(candidates::add);
            out.clientId = q.subjectId();
            if (candidates.isEmpty()) {
                return out.refused(
                        "convention",
                        "invalid_token",
                        "client " + q.subjectId() + " had no active convention at " + at,
                        null);
            }
        }

        // the rules of that revision, by the data provider's own steps
        List<Convention> all = new ArrayList<>();
        inForce.forEach(r -> all.add(r.convention()));
        for (ConventionTimeline.Revision c : candidates) {
            if (all.stream().noneMatch(x -> x.id().equals(c.convention().id()))) {
                all.add(c.convention()); // a pinned revision no longer in force
            }
        }
        ConventionIndex index = ConventionIndex.of(all, uploaded.get(), -1);
        AccessDecision first = null;
        for (ConventionTimeline.Revision c : candidates) {
            AccessRules.Outcome o = AccessRules.check(new AccessRules.Call(
                    c.convention(),
                    index,
                    serviceIds,
                    q.clientAddress(),
                    certificate,
                    certificate == null ? q.thumbprint() : null,
                    q.scopes(),
                    q.environment(),
                    out.requiredScope,
                    at));
            AccessDecision d =
                    o.allowed() ? out.allowed(o.detail(), c) : out.refused(o.step(), o.error(), o.detail(), c);
            if (o.allowed()) {
                return d;
            }
            if (first == null) {
                first = d;
            }
        }
        if (candidates.size() > 1) {
            return out.refused(
                    first.step(),
                    first.error(),
                    first.detail() + " (refused under each of the " + candidates.size() + " active conventions of "
                            + q.subjectId() + "; the first, by id, is shown)",
                    candidates.get(0));
        }
        return first;
    }

    /** The path of the resource URI (raw, as the container routes it), or null when it has none. */
    static String path(String resource) {
        try {
            URI uri = new URI(resource);
            return uri.getRawPath();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** What every decision of one question shares. */
    private static final class Outcome {
        private final AccessQuestion q;
        private final Instant at;
        private final boolean replay;
        String requiredScope;
        String clientId;

        Outcome(AccessQuestion q, Instant at, boolean replay) {
            this.q = q;
            this.at = at;
            this.replay = replay;
        }

        AccessDecision allowed(String detail, ConventionTimeline.Revision r) {
            return make(true, null, null, detail, r);
        }

        AccessDecision refused(String step, String error, String detail, ConventionTimeline.Revision r) {
            return make(false, step, error, detail, r);
        }

        private AccessDecision make(
                boolean allowed, String step, String error, String detail, ConventionTimeline.Revision r) {
            List<String> ignored = q.headers().isEmpty() ? List.of() : List.of("context.http.headers");
            return new AccessDecision(
                    allowed,
                    step,
                    error,
                    detail,
                    r == null ? null : r.convention().id(),
                    r == null ? null : r.convention().revision(),
                    r == null ? null : r.from(),
                    r == null ? clientId : r.convention().clientId(),
                    requiredScope,
                    at,
                    replay,
                    q.pinnedRevision() != null,
                    AccessDecision.NOT_VERSIONED,
                    ignored);
        }
    }
}
