package fr.interopsr.admin;

import fr.interopsr.convention.ConventionRecord;
import fr.interopsr.convention.ConventionRevisionRecord;
import fr.interopsr.convention.ConventionStore;
import fr.interopsr.convention.document.ClientAuthentication;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.token.ClientSecretStore;
import fr.interopsr.token.ClientSecrets;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every change the administration makes, each in one transaction together with its ADMIN_ACTION
 * trace (D-17): a refusal thrown here ({@link AdminRefusal}) rolls everything back. Callers refresh
 * the convention registry after the commit (D-16): see {@link ConventionAdministration}.
 */
@ApplicationScoped
public class ConventionChanges {

    @Inject
    ConventionStore store;

    @Inject
    ClientSecretStore secrets;

    @Inject
    ClientCertificateStore certificates;

    @Inject
    TraceJournal journal;

    /** A change of a convention: its revision before (null for a new one) and after. */
    public record Revision(String id, Integer before, int after, boolean changed) {}

    /** A new client secret, shown once. */
    public record SecretIssued(String clientId, String secret, Instant previousValidUntil) {}

    /** What an import did, by convention id. */
    public record ImportOutcome(
            List<String> created, List<String> updated, List<String> unchanged, List<String> skipped) {}

    /** The current revision of a convention, and its document when it still reads under today's rules. */
    private record Current(
            ConventionRecord head, ConventionRevisionRecord revision, Optional<ConventionDocument> document) {
        ConventionStatus status() {
            return ConventionStatus.fromJson(revision.status()).orElseThrow();
        }
    }

    @Transactional
    public Revision create(ConventionDocument document, String actor, String comment) {
        if (store.head(document.id()).isPresent()) {
            throw AdminRefusal.conflict(
                    "already_exists",
                    "convention " + document.id() + " already exists: change it with PUT, or choose another id");
        }
        Lifecycle.creationRefusal(document.status()).ifPresent(why -> {
            throw AdminRefusal.conflict("invalid_status_change", why);
        });
        int revision = save(document, actor, comment, null);
        trace(
                actor,
                AdminAction.CREATED,
                document.id(),
                null,
                revision,
                document.serviceProvider().clientId(),
                "created with status " + document.status().jsonName(),
                comment,
                null);
        return new Revision(document.id(), null, revision, true);
    }

    @Transactional
    public Revision update(String id, ConventionDocument document, String actor, String comment) {
        if (!document.id().equals(id)) {
            throw AdminRefusal.invalid(
                    "the document's id is not the one of the path",
                    List.of(new AdminProblem(
                            null,
                            "id",
                            "is " + document.id() + " but the path names " + id
                                    + "; a convention's id never changes")));
        }
        Current current = current(id);
        if (current.revision().contentHash().equals(document.contentHash())) {
            return new Revision(
                    id, current.head().currentRevision(), current.head().currentRevision(), false);
        }
        ConventionStatus from = current.status();
        ConventionStatus to = document.status();
        Lifecycle.refusal(from, to).ifPresent(why -> {
            throw AdminRefusal.conflict("invalid_status_change", why);
        });
        boolean onlyStatus = document.withStatus(from)
                .contentHash()
                .equals(current.revision().contentHash());
        String action = Lifecycle.changeKind(from, to, onlyStatus);
        int before = current.head().currentRevision();
        int after = save(document, actor, comment, current.head().sourceHash());
        trace(
                actor,
                action,
                id,
                before,
                after,
                document.serviceProvider().clientId(),
                from == to
                        ? "content updated"
                        : "status " + from.jsonName() + " -> " + to.jsonName()
                                + (onlyStatus ? "" : ", content updated"),
                comment,
                null);
        return new Revision(id, before, after, true);
    }

    @Transactional
    public Revision retire(String id, String actor, String comment) {
        Current current = current(id);
        ConventionStatus from = current.status();
        if (from == ConventionStatus.RETIRED) {
            throw AdminRefusal.conflict("invalid_status_change", "convention " + id + " is already retired");
        }
        Lifecycle.refusal(from, ConventionStatus.RETIRED).ifPresent(why -> {
            throw AdminRefusal.conflict("invalid_status_change", why);
        });
        ConventionDocument document =
                current.document().orElseThrow(() -> unreadable(id)).withStatus(ConventionStatus.RETIRED);
        int before = current.head().currentRevision();
        int after = save(document, actor, comment, current.head().sourceHash());
        trace(
                actor,
                AdminAction.RETIRED,
                id,
                before,
                after,
                document.serviceProvider().clientId(),
                "status " + from.jsonName() + " -> retired",
                comment,
                null);
        return new Revision(id, before, after, true);
    }

    /** D-6: a new secret for the convention's client; its earlier secrets stay valid {@code graceSeconds}. */
    @Transactional
    public SecretIssued rotateSecret(String id, long graceSeconds, String actor, String comment) {
        Current current = current(id);
        ConventionDocument document = current.document().orElseThrow(() -> unreadable(id));
        if (current.status() == ConventionStatus.RETIRED) {
            throw AdminRefusal.conflict("conflict", "convention " + id + " is retired");
        }
        if (document.identityProvider().clientAuthentication() != ClientAuthentication.CLIENT_SECRET_BASIC) {
            throw AdminRefusal.conflict(
                    "conflict",
                    "convention " + id + " authenticates its client with "
                            + document.identityProvider().clientAuthentication().jsonName()
                            + ": only client_secret_basic clients have a secret");
        }
        String clientId = document.serviceProvider().clientId();
        boolean hadSecret = !secrets.currentHashes(clientId).isEmpty();
        String secret = ClientSecrets.generate();
        Instant now = Instant.now();
        secrets.add(clientId, ClientSecrets.hash(secret), graceSeconds);
        int revision = current.head().currentRevision();
        trace(
                actor,
                AdminAction.SECRET_ROTATED,
                id,
                revision,
                revision,
                clientId,
                "new secret for client " + clientId + "; previous secrets valid " + graceSeconds + " s more",
                comment,
                null);
        return new SecretIssued(clientId, secret, hadSecret ? now.plusSeconds(graceSeconds) : null);
    }

    /** D-6: binds a client certificate to the convention's client. */
    @Transactional
    public ClientCertificateRecord uploadCertificate(
            String id, String pem, PemCertificate.Facts facts, String actor, String comment) {
        Current current = current(id);
        if (current.status() == ConventionStatus.RETIRED) {
            throw AdminRefusal.conflict("conflict", "convention " + id + " is retired");
        }
        String clientId = current.head().clientId();
        Optional<ClientCertificateRecord> known = certificates.find(clientId, facts.sha256());
        if (known.isPresent()) {
            throw AdminRefusal.conflict(
                    "already_exists",
                    "certificate " + facts.sha256()
                            + " is already bound to client " + clientId + " (uploaded for convention "
                            + known.get().conventionId() + ")");
        }
        ClientCertificateRecord record = new ClientCertificateRecord(
                clientId, id, facts, pem, OffsetDateTime.now(ZoneOffset.UTC), cut(actor, 64));
        certificates.add(record);
        int revision = current.head().currentRevision();
        trace(
                actor,
                AdminAction.CERTIFICATE_UPLOADED,
                id,
                revision,
                revision,
                clientId,
                "certificate " + facts.subjectDn() + " (issuer " + facts.issuerDn() + ", not after " + facts.notAfter()
                        + ") bound to client " + clientId,
                comment,
                facts.sha256());
        return record;
    }

    /**
     * All or nothing (one transaction): every document created, changed or left as it is; any
     * problem, with the index of its document, refuses the whole import.
     */
    @Transactional
    public ImportOutcome importAll(ImportBatch batch, String actor, String comment) {
        if (!batch.valid()) {
            throw AdminRefusal.invalid("the import is refused: nothing was written", batch.problems());
        }
        List<AdminProblem> problems = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ImportBatch.Entry entry : batch.savingOrder()) {
            ConventionDocument document = entry.document();
            Optional<ConventionRecord> head = store.head(document.id());
            Integer before = null;
            String sourceHash = null;
            String what;
            if (head.isEmpty()) {
                if (document.status() == ConventionStatus.RETIRED) {
                    skipped.add(document.id());
                    continue;
                }
                what = "created with status " + document.status().jsonName();
            } else {
                Current current = current(document.id());
                if (current.revision().contentHash().equals(document.contentHash())) {
                    unchanged.add(document.id());
                    continue;
                }
                Optional<String> refusal = Lifecycle.refusal(current.status(), document.status());
                if (refusal.isPresent()) {
                    problems.add(new AdminProblem(entry.index(), "status", refusal.get()));
                    continue;
                }
                before = current.head().currentRevision();
                sourceHash = current.head().sourceHash();
                what = current.status() == document.status()
                        ? "content updated"
                        : "status " + current.status().jsonName() + " -> "
                                + document.status().jsonName();
            }
            var outcome = store.save(document, actor, comment, sourceHash);
            if (!outcome.problems().isEmpty()) {
                outcome.problems()
                        .forEach(p -> problems.add(AdminProblem.ofStore(p).at(entry.index())));
                continue;
            }
            int after = outcome.convention().orElseThrow().revision();
            (before == null ? created : updated).add(document.id());
            trace(
                    actor,
                    AdminAction.IMPORTED,
                    document.id(),
                    before,
                    after,
                    document.serviceProvider().clientId(),
                    "imported: " + what,
                    comment,
                    null);
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(AdminProblem::index));
            throw AdminRefusal.invalid("the import is refused: nothing was written", problems);
        }
        return new ImportOutcome(created, updated, unchanged, skipped);
    }

    private int save(ConventionDocument document, String actor, String comment, String sourceHash) {
        var outcome = store.save(document, actor, comment, sourceHash);
        if (!outcome.problems().isEmpty()) {
            throw AdminRefusal.invalid(
                    "the convention contradicts another one",
                    outcome.problems().stream().map(AdminProblem::ofStore).toList());
        }
        return outcome.convention().orElseThrow().revision();
    }

    private Current current(String id) {
        ConventionRecord head = store.head(id).orElseThrow(() -> AdminRefusal.notFound("no convention " + id));
        ConventionRevisionRecord revision =
                store.revision(id, head.currentRevision()).orElseThrow();
        var read = ConventionDocumentReader.read(revision.document().getBytes(StandardCharsets.UTF_8));
        return new Current(head, revision, read.document());
    }

    private static AdminRefusal unreadable(String id) {
        return AdminRefusal.conflict(
                "conflict",
                "the current revision of convention " + id
                        + " no longer passes today's rules: send a corrected document with PUT first");
    }

    private void trace(
            String actor,
            String action,
            String conventionId,
            Integer before,
            int after,
            String clientId,
            String what,
            String comment,
            String certificateSha256) {
        journal.recordWithin(TraceEntry.builder(TraceKind.ADMIN_ACTION, Instant.now())
                .success()
                .adminAction(actor, before)
                .convention(conventionId, after)
                .step(action)
                .clientId(clientId)
                .certificateSha256(certificateSha256)
                .detail(what + (comment == null ? "" : "; comment: " + comment))
                .build());
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
