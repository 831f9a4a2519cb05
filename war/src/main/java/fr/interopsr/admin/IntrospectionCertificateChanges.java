package fr.interopsr.admin;

import fr.interopsr.convention.ConventionRecord;
import fr.interopsr.convention.ConventionStore;
import fr.interopsr.provider.IntrospectionCertificateRecord;
import fr.interopsr.provider.RevocationStore;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/**
 * Issue 17: an introspection certificate uploaded for the data provider of a convention (as D-6 allows for clients),
 * committed with its ADMIN_ACTION trace in one transaction (D-17).
 */
@ApplicationScoped
public class IntrospectionCertificateChanges {

    @Inject
    ConventionStore conventions;

    @Inject
    RevocationStore store;

    @Inject
    TraceJournal journal;

    @Transactional
    public IntrospectionCertificateRecord upload(
            String conventionId, String pem, PemCertificate.Facts facts, String actor, String comment) {
        ConventionRecord head = conventions
                .head(conventionId)
                .orElseThrow(() -> AdminRefusal.notFound("no convention " + conventionId));
        boolean known = store.introspectionCertificates(conventionId).stream()
                .anyMatch(c -> c.sha256().equals(facts.sha256()));
        if (known) {
            throw AdminRefusal.conflict(
                    "already_exists",
                    "certificate " + facts.sha256() + " is already an introspection certificate of convention "
                            + conventionId);
        }
        String by = actor.length() <= 64 ? actor : actor.substring(0, 64);
        IntrospectionCertificateRecord record = new IntrospectionCertificateRecord(
                UUID.randomUUID().toString(),
                conventionId,
                facts.subjectDn(),
                facts.issuerDn(),
                facts.sha256(),
                facts.notAfter(),
                pem,
                Instant.now(),
                by);
        store.addIntrospectionCertificate(record);
        int revision = head.currentRevision();
        journal.recordWithin(TraceEntry.builder(TraceKind.ADMIN_ACTION, Instant.now())
                .success()
                .adminAction(actor, revision)
                .convention(conventionId, revision)
                .step(AdminAction.CERTIFICATE_UPLOADED)
                .certificateSha256(facts.sha256())
                .detail("introspection certificate " + facts.subjectDn() + " (issuer " + facts.issuerDn()
                        + ", not after " + facts.notAfter() + ") for the data provider of convention " + conventionId
                        + (comment == null ? "" : "; comment: " + comment))
                .build());
        return record;
    }
}
