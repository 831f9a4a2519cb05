package fr.interopsr.token;

import fr.interopsr.platform.ServerSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

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

    /**
     * The copy is read with JDBC (issue 16, P-59): EclipseLink retries a JPA read whose connection failed, three
     * more times 5 s apart, inside a JTA transaction too, so a Basic token request waited some 30 s for its 503 in a
     * black-holed database instead of the driver's 10 s.
     */
    @Resource(lookup = "jdbc/interops")
    DataSource dataSource;

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
    long refreshNanos; // 0 until read: the setting is read once, not at each token request (tests set it)

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

    /** When the last look at the table failed (System.nanoTime), and why; null failure: it did not. */
    private record Failure(long at, RuntimeException cause) {}

    private Failure lastFailure; // guarded by this

    /**
     * How long after a failed look the next request fails at once, without a query (issue 16, P-59): while the
     * database is away, each look waits for the driver's timeouts (up to 10 s), and the token requests queued behind
     * this lock would otherwise each wait for their own.
     */
    static final long FAIL_FAST_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * Reads the mark, and the secrets again only when it moved. A copy read while another node's
     * (or this node's) change was committing carries the mark of before, so it is read again at the
     * next look.
     */
    private synchronized Snapshot reload(Snapshot seen) {
        Snapshot s = snapshot;
        if (s != seen && s != null) {
            return s; // another thread has just reloaded
        }
        Failure f = lastFailure;
        if (f != null && System.nanoTime() - f.at() < FAIL_FAST_NANOS) {
            throw new PersistenceException(
                    "client secrets not read: the last look failed less than 1 s ago", f.cause());
        }
        try {
            Snapshot read = read(s);
            lastFailure = null;
            return read;
        } catch (RuntimeException e) {
            lastFailure = new Failure(System.nanoTime(), e);
            throw e;
        }
    }

    private Snapshot read(Snapshot s) {
        if (s == null) {
            return load(); // a change dropped the copy
        }
        String mark = mark();
        if (s.mark().equals(mark)) {
            s = new Snapshot(s.byClient(), mark, System.nanoTime());
        } else {
            s = load();
        }
        snapshot = s;
        return s;
    }

    private Snapshot load() {
        try (Connection c = dataSource.getConnection()) {
            String mark = mark(c);
            Map<String, List<Secret>> byClient = new HashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT client_id, secret_hash, not_after FROM client_secret"
                    + " WHERE not_after IS NULL OR not_after > ?")) {
                q.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        byClient.computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                                .add(new Secret(r.getString(2), r.getObject(3, OffsetDateTime.class)));
                    }
                }
            }
            byClient.replaceAll((k, v) -> List.copyOf(v));
            Snapshot s = new Snapshot(Map.copyOf(byClient), mark, System.nanoTime());
            snapshot = s;
            return s;
        } catch (SQLException e) {
            throw new PersistenceException("client secrets not read: " + e.getMessage(), e);
        }
    }

    /** Moves with every secret added on any node (secrets are only added; grace changes come with one). */
    private String mark() {
        try (Connection c = dataSource.getConnection()) {
            return mark(c);
        } catch (SQLException e) {
            throw new PersistenceException("client secrets not read: " + e.getMessage(), e);
        }
    }

    private static String mark(Connection c) throws SQLException {
        try (Statement q = c.createStatement();
                ResultSet r = q.executeQuery("SELECT COUNT(*), MAX(id) FROM client_secret")) {
            r.next();
            return r.getLong(1) + "/" + r.getObject(2);
        }
    }
}
