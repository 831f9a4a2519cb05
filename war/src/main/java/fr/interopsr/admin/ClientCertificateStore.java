package fr.interopsr.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** The uploaded client certificates (table {@code client_certificate}, D-6). */
@ApplicationScoped
public class ClientCertificateStore {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    @Transactional
    public List<ClientCertificateRecord> all() {
        return em.createQuery(
                        "SELECT c FROM ClientCertificateRecord c ORDER BY c.clientId, c.notAfter",
                        ClientCertificateRecord.class)
                .getResultList();
    }

    @Transactional
    public List<ClientCertificateRecord> ofClient(String clientId) {
        return em.createQuery(
                        "SELECT c FROM ClientCertificateRecord c WHERE c.clientId = :c ORDER BY c.notAfter",
                        ClientCertificateRecord.class)
                .setParameter("c", clientId)
                .getResultList();
    }

    @Transactional
    public Optional<ClientCertificateRecord> find(String clientId, String sha256) {
        return em.createQuery(
                        "SELECT c FROM ClientCertificateRecord c WHERE c.clientId = :c AND c.sha256 = :s",
                        ClientCertificateRecord.class)
                .setParameter("c", clientId)
                .setParameter("s", sha256)
                .getResultStream()
                .findFirst();
    }

    /** In the caller's transaction: the upload commits with its trace (D-17). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(ClientCertificateRecord record) {
        em.persist(record);
        em.flush();
    }
}
