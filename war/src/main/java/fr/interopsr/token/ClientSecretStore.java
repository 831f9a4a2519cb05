package fr.interopsr.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The client secrets in the database, shared by every node (D-6). */
@ApplicationScoped
public class ClientSecretStore {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    /** Hashes of the client's secrets that are valid now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> currentHashes(String clientId) {
        return em.createQuery("SELECT s.secretHash FROM ClientSecretRecord s WHERE s.clientId = :c"
                        + " AND (s.notAfter IS NULL OR s.notAfter > :now)", String.class)
                .setParameter("c", clientId)
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .getResultList();
    }

    /**
     * Adds a secret (by its hash); the client's earlier secrets stay valid for {@code graceSeconds}
     * more (0: they stop now; negative: they are left as they are).
     */
    @Transactional
    public void add(String clientId, String secretHash, long graceSeconds) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (graceSeconds >= 0) {
            for (ClientSecretRecord old : em.createQuery("SELECT s FROM ClientSecretRecord s WHERE s.clientId = :c"
                    + " AND (s.notAfter IS NULL OR s.notAfter > :now)", ClientSecretRecord.class)
                    .setParameter("c", clientId).setParameter("now", now).getResultList()) {
                old.expireAt(now.plusSeconds(graceSeconds));
            }
        }
        em.persist(new ClientSecretRecord(clientId, secretHash, now));
    }
}
