package fr.interopsr.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table {@code vi_revocation} (migration V13), shared by every node: a thin JPA repository. {@link #add} joins the
 * caller's transaction (an administrator's revocation is committed with its ADMIN_ACTION trace, D-17) or runs in its
 * own. It also holds the introspection certificates uploaded through the administration (issue 17), which every
 * node reloads with the revocations.
 */
@ApplicationScoped
public class RevocationStore {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    @Transactional
    public void add(Revocation revocation) {
        em.persist(RevocationRecord.of(revocation));
    }

    /** The revocations still kept at {@code now}. */
    @Transactional
    public List<Revocation> kept(Instant now) {
        return em
                .createQuery("SELECT r FROM RevocationRecord r WHERE r.keptUntil > :now", RevocationRecord.class)
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .getResultList()
                .stream()
                .map(RevocationRecord::revocation)
                .toList();
    }

    /** Issue 17: the uploaded introspection certificates, by convention: their SHA-256 in lower-case hex. */
    @Transactional
    public Map<String, Set<String>> introspectionCertificates() {
        Map<String, Set<String>> out = new HashMap<>();
        for (IntrospectionCertificateRecord r : em.createQuery(
                        "SELECT c FROM IntrospectionCertificateRecord c", IntrospectionCertificateRecord.class)
                .getResultList()) {
            out.computeIfAbsent(r.conventionId(), k -> new HashSet<>()).add(r.sha256());
        }
        out.replaceAll((k, v) -> Set.copyOf(v));
        return Map.copyOf(out);
    }

    /** The introspection certificates uploaded for one convention, oldest first. */
    @Transactional
    public List<IntrospectionCertificateRecord> introspectionCertificates(String conventionId) {
        return em.createQuery(
                        "SELECT c FROM IntrospectionCertificateRecord c WHERE c.conventionId = :c ORDER BY c.uploadedAt",
                        IntrospectionCertificateRecord.class)
                .setParameter("c", conventionId)
                .getResultList();
    }

    /** In the caller's transaction: the upload commits with its ADMIN_ACTION trace (D-17). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addIntrospectionCertificate(IntrospectionCertificateRecord record) {
        em.persist(record);
        em.flush();
    }

    /** Drops the revocations whose time has passed; returns how many. */
    @Transactional
    public int purge(Instant now) {
        return em.createQuery("DELETE FROM RevocationRecord r WHERE r.keptUntil <= :now")
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
    }
}
