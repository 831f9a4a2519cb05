package fr.interopsr.admin;

import fr.interopsr.provider.Revocation;
import fr.interopsr.provider.RevocationStore;
import fr.interopsr.trace.TraceEntry;
import fr.interopsr.trace.TraceJournal;
import fr.interopsr.trace.TraceKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * An administrator's revocation (issue 17) and its ADMIN_ACTION trace, in one transaction (D-17): both are committed,
 * or neither. The caller applies it to this node's list after the commit ({@link RevocationAdministration}).
 */
@ApplicationScoped
public class RevocationChanges {

    @Inject
    RevocationStore store;

    @Inject
    TraceJournal journal;

    @Transactional
    public void record(Revocation revocation, String actor, Integer conventionRevision, String comment) {
        store.add(revocation);
        journal.recordWithin(TraceEntry.builder(TraceKind.ADMIN_ACTION, Instant.now())
                .success()
                .adminAction(actor, null)
                .convention(revocation.conventionId(), conventionRevision)
                .clientId(revocation.clientId())
                .jti(revocation.jti())
                .issuer(revocation.issuer())
                .step(AdminAction.REVOKED)
                .detail("revoked " + revocation.target() + ", kept until " + revocation.keptUntil()
                        + (comment == null ? "" : "; comment: " + comment))
                .build());
    }
}
