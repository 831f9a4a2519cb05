package fr.interopsr.provider;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The table {@code vi_revocation} (migration V13), shared by every node: a thin JPA repository. {@link #add} joins the
 * caller's transaction (an administrator's revocation is committed with its ADMIN_ACTION trace, D-17) or runs in its
 * own.
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

    /** Drops the revocations whose time has passed; returns how many. */
    @Transactional
    public int purge(Instant now) {
        return em.createQuery("DELETE FROM RevocationRecord r WHERE r.keptUntil <= :now")
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
    }
}
