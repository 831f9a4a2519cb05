package fr.interopsr.token;

import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client secrets in the database, shared by every node (D-6), with this node's copy of them:
 * the token endpoint checks a secret without a query (issue 8). The copy is replaced when this
 * node adds a secret (once that commits) and, for changes made on other nodes, when the table's
 * mark (row count and newest row) has moved, looked at no more often than every
 * {@code interops.conventions.refresh-seconds} (D-16). Expiry is decided at each check.
 */
@ApplicationScoped
public class ClientSecretStore {

    @PersistenceContext(unitName = "interops")
    EntityManager em;

    @Inject
    ServerSettings settings;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** One secret of a client: its hash, and the end of its validity (null: none). */
    record Secret(String hash, OffsetDateTime notAfter) {
        boolean validAt(OffsetDateTime now) {
            return notAfter == null || notAfter.isAfter(now);
        }
    }

    /** The secrets of every client as read at one moment, with the table's mark then. */
    record Snapshot(Map<String, List<Secret>> byClient, String mark, long checkedAt) {}

    private volatile Snapshot snapshot;
    private long refreshNanos; // 0 until read: the setting is read once, not at each token request

    private long refreshNanos() {
        if (refreshNanos == 0) {
            refreshNanos = TimeUnit.SECONDS.toNanos(Math.max(1, settings.conventionRefreshSeconds()));
        }
        return refreshNanos;
    }

    /** Hashes of the client's secrets that are valid now. */
    public List<String> currentHashes(String clientId) {
        List<Secret> secrets = current().byClient().getOrDefault(clientId, List.of());
        if (secrets.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<String> out = new ArrayList<>(secrets.size());
        for (Secret s : secrets) {
            if (s.validAt(now)) {
                out.add(s.hash());
            }
        }
        return out;
    }

    /**
     * Adds a secret (by its hash); the client's earlier secrets stay valid for {@code graceSeconds}
     * more (0: they stop now; negative: they are left as they are).
     */
    @Transactional
    public void add(String clientId, String secretHash, long graceSeconds) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (graceSeconds >= 0) {
            for (ClientSecretRecord old : em.createQuery(
                            "SELECT s FROM ClientSecretRecord s WHERE s.clientId = :c"
                                    + " AND (s.notAfter IS NULL OR s.notAfter > :now)",
                            ClientSecretRecord.class)
                    .setParameter("c", clientId)
                    .setParameter("now", now)
                    .getResultList()) {
                old.expireAt(now.plusSeconds(graceSeconds));
            }
        }
        em.persist(new ClientSecretRecord(clientId, secretHash, now));
        // this node uses the new secret from its next request on (D-16): drop the copy once committed
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    snapshot = null;
                }
            }
        });
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s != null && now - s.checkedAt() < refreshNanos()) {
            return s;
        }
        return reload(s);
    }

    /**
     * Reads the mark, and the secrets again only when it moved. A copy read while another node's
     * (or this node's) change was committing carries the mark of before, so it is read again at the
     * next look.
     */
    private synchronized Snapshot reload(Snapshot seen) {
        Snapshot s = snapshot;
        if (s != seen) {
            return s != null ? s : load(); // another thread has just reloaded (or a change dropped it)
        }
        String mark = mark();
        if (s != null && s.mark().equals(mark)) {
            s = new Snapshot(s.byClient(), mark, System.nanoTime());
        } else {
            s = load();
        }
        snapshot = s;
        return s;
    }

    private Snapshot load() {
        String mark = mark();
        Map<String, List<Secret>> byClient = new HashMap<>();
        for (ClientSecretRecord r : em.createQuery(
                        "SELECT s FROM ClientSecretRecord s WHERE s.notAfter IS NULL" + " OR s.notAfter > :now",
                        ClientSecretRecord.class)
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .getResultList()) {
            byClient.computeIfAbsent(r.clientId(), k -> new ArrayList<>())
                    .add(new Secret(r.secretHash(), r.notAfter()));
        }
        byClient.replaceAll((k, v) -> List.copyOf(v));
        Snapshot s = new Snapshot(Map.copyOf(byClient), mark, System.nanoTime());
        snapshot = s;
        return s;
    }

    /** Moves with every secret added on any node (secrets are only added; grace changes come with one). */
    private String mark() {
        Object[] row = (Object[]) em.createQuery("SELECT COUNT(s), MAX(s.id) FROM ClientSecretRecord s")
                .getSingleResult();
        return row[0] + "/" + row[1];
    }
}
