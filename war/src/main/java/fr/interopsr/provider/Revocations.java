package fr.interopsr.provider;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * This node's view of the revocations (issue 17): the {@link RevocationList} every VI check reads, reloaded from the
 * shared table {@code vi_revocation} every {@code interops.revocations.refresh-millis} (default 1000 ms), so that a
 * revocation made on another node takes effect here within 2 s (D-16's bound, P-47); one made on this node takes
 * effect here at once ({@link #applied}). Nothing here depends on there being one JVM: the table is the truth, the
 * list a copy. The introspection certificates uploaded through the administration are reloaded with it. Expired rows are dropped once a minute by whichever node gets there.
 * <p>
 * When the table cannot be read, the last list stays in force (a revocation already known is never forgotten because
 * the database is away) and the failure is logged.
 */
@ApplicationScoped
public class Revocations {

    private static final Logger LOG = Logger.getLogger(Revocations.class.getName());

    /** Default of {@code interops.revocations.refresh-millis}. */
    static final long DEFAULT_REFRESH_MILLIS = 1000;

    @Inject
    RevocationStore store;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /**
     * How long a revocation made here is added to each reload: a reload whose query began before that revocation's
     * commit must not drop it from this node's list, even for a moment.
     */
    static final long LOCAL_GRACE_MILLIS = 10_000;

    private volatile RevocationList current = RevocationList.EMPTY;
    /** Issue 17: the uploaded introspection certificates by convention (SHA-256 hex), reloaded with the list. */
    private volatile Map<String, Set<String>> introspectionCertificates = Map.of();
    /** The revocations this node made in the last {@link #LOCAL_GRACE_MILLIS}, by when they were applied. */
    private final Map<Revocation, Instant> recent = new ConcurrentHashMap<>();

    private ScheduledFuture<?> poller;
    private ScheduledFuture<?> purger;

    /** Loads the list and starts reloading it (from the start-up sequence, after the migrations). */
    public void start() {
        reload();
        long every = ConfigProvider.getConfig()
                .getOptionalValue("interops.revocations.refresh-millis", Long.class)
                .orElse(DEFAULT_REFRESH_MILLIS);
        poller = scheduler.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
        purger = scheduler.scheduleWithFixedDelay(this::purge, 60, 60, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
        if (purger != null) {
            purger.cancel(false);
        }
    }

    /** The revocations in force on this node now. */
    public RevocationList current() {
        return current;
    }

    /** The SHA-256s of the introspection certificates uploaded for a convention (none: empty). */
    public Set<String> introspectionCertificates(String conventionId) {
        return introspectionCertificates.getOrDefault(conventionId, Set.of());
    }

    /** An upload committed by this node: in force here at once. */
    public void reloadIntrospectionCertificates() {
        introspectionCertificates = store.introspectionCertificates();
    }

    /** Records a revocation in the table, in a transaction of its own (or the caller's), and applies it here. */
    public void revoke(Revocation revocation) {
        store.add(revocation);
        applied(revocation);
    }

    /** A revocation committed to the table by this node: in force here at once, before the next reload. */
    public synchronized void applied(Revocation revocation) {
        recent.put(revocation, Instant.now());
        current = current.with(revocation);
    }

    void reload() {
        try {
            Instant now = Instant.now();
            RevocationList loaded = RevocationList.of(store.kept(now), now);
            introspectionCertificates = store.introspectionCertificates();
            synchronized (this) {
                recent.values().removeIf(at -> at.plusMillis(LOCAL_GRACE_MILLIS).isBefore(now));
                for (Revocation mine : recent.keySet()) {
                    if (mine.keptUntil().isAfter(now)) {
                        loaded = loaded.with(mine);
                    }
                }
                current = loaded;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "revocations not reloaded (database unavailable?); the last list stays", e);
        }
    }

    void purge() {
        try {
            int dropped = store.purge(Instant.now());
            if (dropped > 0) {
                LOG.fine(() -> dropped + " expired revocations dropped");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "expired revocations not dropped this time", e);
        }
    }
}
