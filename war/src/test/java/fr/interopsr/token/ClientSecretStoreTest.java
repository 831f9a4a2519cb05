package fr.interopsr.token;

import static org.junit.jupiter.api.Assertions.*;

import jakarta.persistence.PersistenceException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, P-59: this node's copy of the client secrets, read with JDBC from an H2 database, and what happens while
 * the database is away. After a failed look, the requests of the next second fail at once without asking the
 * database (each look would wait for the driver's timeouts, up to 10 s, with the token requests queued behind it);
 * after that second one request looks again, and the copy comes back when the database does.
 */
class ClientSecretStoreTest {

    private static final String URL = "jdbc:h2:mem:client-secret-store;DB_CLOSE_DELAY=-1";

    private final AtomicBoolean databaseAway = new AtomicBoolean();
    private final AtomicInteger connectionsAsked = new AtomicInteger();
    private final ClientSecretStore store = new ClientSecretStore();

    @BeforeEach
    void database() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS client_secret");
            s.execute("CREATE TABLE client_secret (id BIGINT NOT NULL PRIMARY KEY, client_id VARCHAR(128) NOT NULL,"
                    + " secret_hash VARCHAR(64) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " not_after TIMESTAMP WITH TIME ZONE)");
            s.execute("INSERT INTO client_secret VALUES (1, 'client-a', 'hash-a', CURRENT_TIMESTAMP, NULL)");
            s.execute("INSERT INTO client_secret VALUES (2, 'client-a', 'hash-old', CURRENT_TIMESTAMP,"
                    + " TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00')");
        }
        store.dataSource = dataSource();
        store.refreshNanos = TimeUnit.SECONDS.toNanos(3600); // no second look at the mark during the test
    }

    @Test
    void theCopyHoldsTheValidSecretsAndIsReadOnce() {
        assertEquals(List.of("hash-a"), store.currentHashes("client-a"), "the expired secret is left out");
        assertEquals(List.of(), store.currentHashes("client-b"));
        assertEquals(1, connectionsAsked.get(), "one connection for the mark and the secrets, none per request");
    }

    @Test
    void afterAFailedLookTheNextSecondFailsAtOnceThenOneLookFindsTheDatabaseBack() throws InterruptedException {
        databaseAway.set(true);
        PersistenceException first = assertThrows(PersistenceException.class, () -> store.currentHashes("client-a"));
        assertTrue(first.getMessage().contains("connection refused"), first.getMessage());
        assertEquals(1, connectionsAsked.get());

        for (int i = 0; i < 20; i++) {
            PersistenceException fast = assertThrows(PersistenceException.class, () -> store.currentHashes("client-a"));
            assertTrue(fast.getMessage().contains("last look failed"), fast.getMessage());
            assertSame(first, fast.getCause(), "the fast failure carries the cause of the look that failed");
        }
        assertEquals(1, connectionsAsked.get(), "no request of the next second asked the database");

        databaseAway.set(false);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(ClientSecretStore.FAIL_FAST_NANOS) + 100);
        assertEquals(List.of("hash-a"), store.currentHashes("client-a"), "the database is back: the copy is read");
        assertEquals(2, connectionsAsked.get());
        assertEquals(List.of("hash-a"), store.currentHashes("client-a"));
        assertEquals(2, connectionsAsked.get(), "and kept");
    }

    /** H2 behind a switch: while the database is away, every connection is refused as a driver refuses it. */
    private DataSource dataSource() {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "getConnection" -> {
                connectionsAsked.incrementAndGet();
                if (databaseAway.get()) {
                    throw new SQLException("connection refused", "08001");
                }
                yield DriverManager.getConnection(URL);
            }
            case "getLogWriter" -> (PrintWriter) null;
            case "getLoginTimeout" -> 0;
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "switchable H2";
            default -> throw new UnsupportedOperationException(method.getName());
        };
        return (DataSource)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, handler);
    }
}
