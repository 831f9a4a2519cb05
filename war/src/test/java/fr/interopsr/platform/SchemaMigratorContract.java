package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * D-25, issue 13: what the migrator guarantees on every database it runs on. {@link SchemaMigratorTest}
 * runs it on H2, {@link SchemaMigratorPostgresTest} on PostgreSQL.
 */
abstract class SchemaMigratorContract {

    /** A new, empty database (or schema) of its own for one test. */
    abstract DataSource newDatabase(String name) throws Exception;

    static final List<String> FIVE = List.of(
            "V1__initial_schema.sql",
            "V2__data_provider.sql",
            "V3__administration.sql",
            "V4__trace_journal.sql",
            "V5__trace_checkpoints.sql");

    @Test
    void everyMigrationAppliesOnceAndInOrder() throws Exception {
        DataSource ds = newDatabase("once");
        SchemaMigrator migrator = new SchemaMigrator(ds);
        List<String> known = migrator.knownMigrations();
        assertEquals(FIVE, known.subList(0, 5), "today's scripts keep their names");
        assertEquals(known, migrator.pending(), "a new database lacks every migration");
        assertEquals(known, migrator.migrate());
        assertEquals(List.of(), migrator.migrate(), "a second run applies nothing");
        assertEquals(List.of(), migrator.pending());
        assertEquals(50, count(ds, "SELECT COUNT(*) FROM beneficiary"), "V2 seeds the sample service");
        assertEquals(known.size(), appliedScripts(ds));
    }

    @Test
    void nodesStartingTogetherApplyTheMigrationsOnce() throws Exception {
        DataSource ds = newDatabase("together");
        int applied = sum(together(4, () -> new SchemaMigrator(ds).migrate()));
        int known = new SchemaMigrator(ds).knownMigrations().size();
        assertEquals(known, applied, "each migration applied by one node only");
        assertEquals(known, appliedScripts(ds));
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"type\" = 'BASELINE'"));
    }

    @Test
    void aNodeWaitsWhileAnotherHoldsTheMigrationLock() throws Exception {
        DataSource ds = newDatabase("wait");
        new SchemaMigrator(ds).migrate();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection other = ds.getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeQuery("SELECT id FROM schema_lock WHERE id = 1 FOR UPDATE")
                        .close();
            }
            Future<List<String>> next = pool.submit(
                    () -> new SchemaMigrator(ds, List.of(SchemaMigrator.ROOT, "db/migration-test/future")).migrate());
            Thread.sleep(700); // below H2's default lock timeout (2 s)
            assertFalse(next.isDone(), "no migration while another node holds the lock");
            assertEquals(0, count(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '99'"));
            other.rollback();
            assertEquals(List.of("V99__from_a_newer_build.sql"), next.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aLegacyDatabaseIsTakenOverAtItsHighestVersionNotRebuilt() throws Exception {
        DataSource ds = newDatabase("takeover");
        legacy(ds, 5);
        execute(
                ds,
                "INSERT INTO admin_user (username, password_hash, roles, created_at)"
                        + " VALUES ('kept', 'x', 'interops-admin', CURRENT_TIMESTAMP)");
        SchemaMigrator migrator = new SchemaMigrator(ds);
        // issue 14 added V6: what schema_migration records (V1-V5) counts as applied, only later ones run
        List<String> after =
                migrator.knownMigrations().subList(5, migrator.knownMigrations().size());
        assertEquals(after, migrator.pending(), "what schema_migration records counts as applied");
        assertEquals(after, migrator.migrate(), "nothing re-run");
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM admin_user WHERE username = 'kept'"), "data kept");
        assertEquals(
                "5",
                string(ds, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'BASELINE'"),
                "baseline at the highest version held");
        assertEquals(after.size(), appliedScripts(ds));
        assertEquals(List.of(), migrator.migrate(), "the next start finds Flyway's history");
    }

    @Test
    void aPartlyMigratedLegacyDatabaseGetsTheRest() throws Exception {
        DataSource ds = newDatabase("partly");
        legacy(ds, 3);
        SchemaMigrator migrator = new SchemaMigrator(ds);
        assertEquals(FIVE.subList(3, 5), migrator.pending().subList(0, 2));
        assertEquals(FIVE.subList(3, 5), migrator.migrate().subList(0, 2));
        assertEquals("3", string(ds, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"type\" = 'BASELINE'"));
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM trace_chain_head"), "V4 ran");
    }

    @Test
    void nodesStartingTogetherTakeOverOnce() throws Exception {
        DataSource ds = newDatabase("takeovertogether");
        legacy(ds, 3);
        int applied = sum(together(3, () -> new SchemaMigrator(ds).migrate()));
        assertEquals(new SchemaMigrator(ds).knownMigrations().size() - 3, applied);
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"type\" = 'BASELINE'"));
    }

    @Test
    void aLegacyRecordWithAHoleIsNotTakenOver() throws Exception {
        DataSource ds = newDatabase("hole");
        legacy(ds, 5);
        execute(ds, "DELETE FROM schema_migration WHERE name = 'V3__administration.sql'");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SchemaMigrator(ds).migrate());
        assertTrue(e.getMessage().contains("lacks [V3__administration.sql]"), e.getMessage());
    }

    @Test
    void anAppliedMigrationEditedLaterStopsTheStart() throws Exception {
        DataSource ds = newDatabase("edited");
        new SchemaMigrator(ds, List.of(SchemaMigrator.ROOT, "db/migration-test/edit-before")).migrate();
        SchemaMigrator edited = new SchemaMigrator(ds, List.of(SchemaMigrator.ROOT, "db/migration-test/edit-after"));
        IllegalStateException e = assertThrows(IllegalStateException.class, edited::migrate);
        assertTrue(e.getMessage().contains("checksum mismatch for migration version 6"), e.getMessage());
        assertTrue(e.getMessage().contains("was edited"), e.getMessage());
        IllegalStateException p = assertThrows(IllegalStateException.class, edited::pending);
        assertTrue(p.getMessage().contains("checksum mismatch for migration version 6"), p.getMessage());
        assertEquals(
                List.of(),
                new SchemaMigrator(ds, List.of(SchemaMigrator.ROOT, "db/migration-test/edit-before")).migrate(),
                "the script as applied passes");
    }

    @Test
    void migrationsOfANewerBuildAreAllowed() throws Exception {
        DataSource ds = newDatabase("future");
        List<String> newer = new SchemaMigrator(ds, List.of(SchemaMigrator.ROOT, "db/migration-test/future")).migrate();
        assertEquals("V99__from_a_newer_build.sql", newer.get(newer.size() - 1));
        SchemaMigrator thisBuild = new SchemaMigrator(ds);
        assertEquals(List.of(), thisBuild.migrate(), "V99 is future for this build: ignored, not an error");
        assertEquals(List.of(), thisBuild.pending());
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM future_marker"));
    }

    @Test
    void vendorScriptsFollowTheDatabaseProduct() throws Exception {
        DataSource ds = newDatabase("vendor");
        SchemaMigrator migrator = new SchemaMigrator(ds, List.of(SchemaMigrator.ROOT, "db/migration-test/vendor"));
        assertTrue(migrator.migrate().contains("V60__vendor_marker.sql"));
        assertEquals(product(), string(ds, "SELECT product FROM vendor_marker"));
    }

    /** The vendor folder name this database's scripts come from. */
    abstract String product();

    // ---- helpers

    /**
     * A database as the home-made migrator left it: the scripts up to {@code upTo} applied, their
     * names in {@code schema_migration}, a {@code schema_lock} row, no Flyway history. (A throwaway
     * Flyway with a history table of another name lays the schema, then that table goes.)
     */
    static void legacy(DataSource ds, int upTo) throws Exception {
        String product;
        try (Connection c = ds.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        MigrationScripts scripts = MigrationScripts.load(
                SchemaMigrator.class.getClassLoader(),
                List.of(SchemaMigrator.ROOT),
                SchemaMigrator.vendorFolder(product));
        Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(ds)
                .table("legacy_apply")
                .resourceProvider(scripts)
                .javaMigrationClassProvider(List::of)
                .skipDefaultCallbacks(true)
                .placeholderReplacement(false)
                .target(MigrationVersion.fromVersion(String.valueOf(upTo)))
                .load()
                .migrate();
        execute(ds, "DROP TABLE \"legacy_apply\"");
        execute(
                ds,
                "CREATE TABLE schema_migration ("
                        + "name VARCHAR(200) NOT NULL PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        execute(ds, "CREATE TABLE schema_lock (id INTEGER NOT NULL PRIMARY KEY)");
        execute(ds, "INSERT INTO schema_lock (id) VALUES (1)");
        try (Connection c = ds.getConnection();
                PreparedStatement p =
                        c.prepareStatement("INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)")) {
            for (MigrationScripts.Script s : scripts.scripts()) {
                if (!s.version().isNewerThan(String.valueOf(upTo))) {
                    p.setString(1, s.name());
                    p.setObject(2, OffsetDateTime.now());
                    p.executeUpdate();
                }
            }
        }
    }

    /** Runs {@code n} copies of a task at once, as nodes starting together. */
    static <T> List<T> together(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> run : runs) {
                results.add(run.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    static int sum(List<List<String>> applied) {
        return applied.stream().mapToInt(List::size).sum();
    }

    /** Rows of successful SQL migrations in Flyway's history (baselines not counted). */
    static int appliedScripts(DataSource ds) throws Exception {
        return count(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL' AND \"success\"");
    }

    static void execute(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static int count(DataSource ds, String sql) throws Exception {
        return Integer.parseInt(string(ds, sql));
    }

    static String string(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next(), "no row for " + sql);
            return r.getString(1);
        }
    }
}
