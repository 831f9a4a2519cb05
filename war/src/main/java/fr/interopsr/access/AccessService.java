package fr.interopsr.access;

import fr.interopsr.convention.ConventionStore;
import fr.interopsr.pki.ClientCertificates;
import fr.interopsr.platform.Correlation;
import fr.interopsr.platform.ServerSettings;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import fr.interopsr.trace.TraceRecord;
import fr.interopsr.trace.TraceUnavailable;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.ServletContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The in-process access decisions (issue 18 §3): what {@code POST /access/v1/evaluation(s)} calls, and what the
 * console calls inside the server ("Would this call be allowed?", the replay of a refused trace). Every decision is
 * traced as a dry-run {@code ACCESS_DECISION} (docs/traces.md), committed before it is returned.
 *
 * <pre>{@code
 * AccessService.Evaluated e = access.evaluate(question, AccessCaller.staff(user, roles, "console", address));
 * Optional<AccessService.Evaluated> r = access.replay(traceId, caller);
 * }</pre>
 */
@ApplicationScoped
public class AccessService {

    /** The caller may not ask this question (D-27: a partner about another client): 403. */
    public static final class Forbidden extends Exception {
        private static final long serialVersionUID = 1L;

        public Forbidden(String message) {
            super(message);
        }
    }

    /**
     * A decision and the id of its evaluation.
     *
     * @param decision the decision; null for an item of a batch that could not be read
     * @param id       the evaluation's id: the correlation id of the call that asked (its {@code ACCESS_DECISION}
     *                 trace has it), with {@code #n} for the n-th item of a batch; null with {@code problem}
     * @param problem  why the item could not be read (answered as {@code context.error}, status 400), else null
     */
    public record Evaluated(AccessDecision decision, String id, String problem) {
        Evaluated(AccessDecision decision, String id) {
            this(decision, id, null);
        }
    }

    @Inject
    DatabaseConventionTimeline timeline;

    @Inject
    ConventionStore conventions;

    @Inject
    ClientCertificates certificates;

    @Inject
    ServerSettings settings;

    @Inject
    TraceJournal journal;

    @Inject
    ServletContext servletContext;

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    private AccessEvaluator evaluator;

    @PostConstruct
    void init() {
        String contextPath = "/interops";
        try {
            contextPath = servletContext.getContextPath();
        } catch (RuntimeException e) {
            // no servlet context (never in the WAR): the contract's context root
        }
        evaluator = new AccessEvaluator(
                timeline,
                conventions::uploadedCertificates,
                certificates::check,
                settings.providerServiceIds(),
                contextPath,
                Clock.systemUTC());
    }

    /**
     * Decides one question, traced.
     *
     * @throws AccessQuestions.Invalid when the question cannot be judged (400)
     * @throws Forbidden               when the caller may not ask it (403)
     * @throws TraceUnavailable        when its trace cannot be committed (503; no decision is given untraced)
     */
    public Evaluated evaluate(AccessQuestion question, AccessCaller caller)
            throws AccessQuestions.Invalid, Forbidden, TraceUnavailable {
        authorize(question, caller);
        return decide(question, caller, evaluationId(null));
    }

    /**
     * Decides the questions of a batch in order (AuthZEN §7), each traced; an item that could not be read is answered
     * in its place by an {@link Evaluated} with its {@code problem}. The caller must be allowed to ask every question, else nothing is decided.
     *
     * @return the decisions in the request's order, shorter when the semantic stopped early
     */
    public List<Evaluated> evaluateAll(AccessQuestions.Batch batch, AccessCaller caller)
            throws Forbidden, TraceUnavailable {
        for (AccessQuestions.Item item : batch.items()) {
            if (item.question() != null) {
                authorize(item.question(), caller);
            }
        }
        List<Evaluated> out = new ArrayList<>();
        for (int i = 0; i < batch.items().size(); i++) {
            AccessQuestions.Item item = batch.items().get(i);
            Evaluated e;
            if (item.question() == null) {
                e = new Evaluated(null, null, item.problem());
            } else {
                try {
                    e = decide(item.question(), caller, evaluationId(batch.single() ? null : i));
                } catch (AccessQuestions.Invalid invalid) {
                    e = new Evaluated(null, null, invalid.getMessage());
                }
            }
            out.add(e);
            boolean allowed = e.decision() != null && e.decision().allowed();
            if ((batch.semantic() == AccessQuestions.Semantic.DENY_ON_FIRST_DENY && !allowed)
                    || (batch.semantic() == AccessQuestions.Semantic.PERMIT_ON_FIRST_PERMIT && allowed)) {
                break;
            }
        }
        return out;
    }

    /**
     * Replays the decision of a recorded call (the console's "replay" of a refused trace): the call of trace
     * {@code traceId} (a {@code VI_VERIFICATION} or {@code TRANSACTION}) judged again under the convention and
     * revision its trace recorded, at its time, with its address and certificate (by SHA-256), and the scopes it
     * recorded (else those of the convention). Traced like any evaluation. Empty when there is no such trace, or it
     * recorded no call; a trace without convention (refused before step 7) gives a refusal at its own step.
     */
    public Optional<Evaluated> replay(long traceId, AccessCaller caller)
            throws AccessQuestions.Invalid, Forbidden, TraceUnavailable {
        Optional<AccessQuestion> question = replayQuestion(traceId);
        if (question.isEmpty()) {
            return Optional.empty();
        }
        AccessQuestion q = question.get();
        if (q.subjectType().equals(AccessQuestion.CONVENTION) && q.subjectId().isEmpty()) {
            TraceRecord r = record(traceId).orElseThrow();
            AccessDecision d = new AccessDecision(
                    false,
                    r.step() == null ? "convention" : r.step(),
                    r.errorCode(),
                    "the recorded call was refused before its convention was found (step "
                            + (r.step() == null ? "?" : r.step()) + ": " + r.detail()
                            + "): no convention's rules apply to it",
                    null,
                    null,
                    null,
                    null,
                    null,
                    r.occurredAt().toInstant(),
                    true,
                    true,
                    AccessDecision.NOT_VERSIONED,
                    List.of());
            String id = evaluationId(null);
            trace(q, caller, d, id);
            return Optional.of(new Evaluated(d, id));
        }
        authorize(q, caller);
        return Optional.of(decide(q, caller, evaluationId(null)));
    }

    /** The question a recorded call asks again, or empty when the trace is not a call of the data provider. */
    Optional<AccessQuestion> replayQuestion(long traceId) {
        Optional<TraceRecord> found = record(traceId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TraceRecord r = found.get();
        if ((r.kind() != TraceKind.VI_VERIFICATION && r.kind() != TraceKind.TRANSACTION)
                || r.httpMethod() == null
                || r.targetUrl() == null) {
            return Optional.empty();
        }
        String url = r.targetUrl();
        int cut = url.indexOf('?');
        url = cut < 0 ? url : url.substring(0, cut);
        String thumbprint = null;
        if (r.certificateSha256() != null && r.certificateSha256().length() == 64) {
            thumbprint = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(HexFormat.of().parseHex(r.certificateSha256()));
        }
        List<String> scopes = r.scopes() == null || r.scopes().isBlank()
                ? null
                : List.of(r.scopes().strip().split(" +"));
        return Optional.of(new AccessQuestion(
                AccessQuestion.CONVENTION,
                r.conventionId() == null ? "" : r.conventionId(),
                r.httpMethod(),
                url,
                r.occurredAt().toInstant(),
                scopes,
                null,
                r.remoteAddress(),
                null,
                thumbprint,
                List.of(),
                r.conventionRevision(),
                r.id()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    Optional<TraceRecord> record(long id) {
        return Optional.ofNullable(em.find(TraceRecord.class, id));
    }

    private void authorize(AccessQuestion q, AccessCaller caller) throws Forbidden {
        if (!caller.mayEvaluate()) {
            throw new Forbidden("evaluating needs the role interops-admin or interops-auditor, or a partner's"
                    + " client certificate");
        }
        if (caller.partner() && !evaluator.concerns(q, caller.clientId())) {
            throw new Forbidden("a partner may ask about its own calls only: subject " + q.subjectText()
                    + " is not client " + caller.clientId() + " nor one of its conventions (D-27)");
        }
    }

    private Evaluated decide(AccessQuestion q, AccessCaller caller, String id)
            throws AccessQuestions.Invalid, TraceUnavailable {
        AccessDecision d = evaluator.evaluate(q);
        trace(q, caller, d, id);
        return new Evaluated(d, id);
    }

    /** The dry-run decision's trace, committed before the answer (D-17). */
    private void trace(AccessQuestion q, AccessCaller caller, AccessDecision d, String id) throws TraceUnavailable {
        TraceEntry.Builder t = TraceEntry.builder(TraceKind.ACCESS_DECISION, Instant.now());
        String what = "dry-run"
                + (q.replayOfTrace() != null ? " replay of trace " + q.replayOfTrace() : d.replay() ? " replay" : "")
                + " at " + d.at() + " (" + q.subjectText() + ", evaluation " + id + "): ";
        if (d.allowed()) {
            t.success().detail(what + "allowed; " + d.detail());
        } else {
            t.failure(d.error(), what + d.detail()).step(d.step());
        }
        t.adminAction(caller.actor(), null)
                .authMethod(caller.authMethod())
                .subject(q.subjectText())
                .clientId(d.clientId())
                .scopes(q.scopes() == null ? null : String.join(" ", q.scopes()))
                .remoteAddress(caller.remoteAddress())
                .certificateSha256(caller.certificateSha256())
                .action(q.method(), q.resource(), null, null);
        if (d.conventionId() != null) {
            t.convention(d.conventionId(), d.conventionRevision());
        }
        journal.record(t.build());
    }

    /** The evaluation's id: the call's correlation id, with the batch item's index. */
    private static String evaluationId(Integer item) {
        Correlation c = Correlation.current();
        String base = c == null || c.correlationId() == null ? UUID.randomUUID().toString() : c.correlationId();
        return item == null ? base : base + "#" + item;
    }
}
