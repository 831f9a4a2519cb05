package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** D-25: the schema comes from the versioned migrations, applied once, in order, on H2 as on PostgreSQL. */
class SchemaMigratorTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    @Test
    void everyMigrationAppliesOnceAndInOrder() throws Exception {
        JdbcDataSource ds = h2("once");
        SchemaMigrator migrator = new SchemaMigrator(ds);
        List<String> known = SchemaMigrator.knownMigrations();
        assertEquals(known, migrator.pending(), "a new database lacks every migration");
        assertEquals(known, migrator.migrate());
        assertEquals(List.of(), migrator.migrate(), "a second run applies nothing");
        assertEquals(List.of(), migrator.pending());
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM beneficiary")) {
            r.next();
            assertEquals(50, r.getInt(1), "V2 seeds the sample service");
        }
    }

    @Test
    void nodesStartingTogetherApplyTheMigrationsOnce() throws Exception {
        JdbcDataSource ds = h2("together");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<String>>> runs = pool.invokeAll(List.of(
                    () -> new SchemaMigrator(ds).migrate(),
                    () -> new SchemaMigrator(ds).migrate(),
                    () -> new SchemaMigrator(ds).migrate()));
            int applied = 0;
            for (Future<List<String>> run : runs) {
                applied += run.get().size();
            }
            assertEquals(SchemaMigrator.knownMigrations().size(), applied);
        } finally {
            pool.shutdown();
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_migration")) {
            r.next();
            assertEquals(SchemaMigrator.knownMigrations().size(), r.getInt(1));
        }
    }

    @Test
    void statementsAreSplitAtLineEndSemicolonsWithoutComments() {
        List<String> sql = SchemaMigrator.statements(
                "-- a comment\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES\n(1),\n(2);\n");
        assertEquals(2, sql.size());
        assertTrue(sql.get(1).startsWith("INSERT INTO a VALUES"));
        assertTrue(sql.get(1).endsWith("(2)"));
    }
}
