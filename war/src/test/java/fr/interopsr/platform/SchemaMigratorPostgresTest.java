package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * D-25, issue 13: the migrations on PostgreSQL (127.0.0.1:5432, database {@code test}, trust
 * authentication: a service of every machine of this project and of CI). Each test works in a schema
 * of its own, dropped at the end; nothing else of the database is touched. Settings:
 * {@code it.pg.host}, {@code it.pg.port}, {@code it.pg.database}, {@code it.pg.user}.
 */
class SchemaMigratorPostgresTest extends SchemaMigratorContract {

    private static final String HOST = System.getProperty("it.pg.host", "127.0.0.1");
    private static final int PORT = Integer.getInteger("it.pg.port", 5432);
    private static final String DATABASE = System.getProperty("it.pg.database", "test");
    private static final String USER = System.getProperty("it.pg.user", "root");
    private static final String RUN =
            "mig_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000;
    private static final List<String> SCHEMAS = new ArrayList<>();

    private static Connection admin() throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, USER, "");
        } catch (SQLException e) {
            throw new SQLException(
                    "PostgreSQL at " + HOST + ":" + PORT + "/" + DATABASE
                            + " is needed by this test (.ci/run and every machine of the project start it)",
                    e);
        }
    }

    @Override
    DataSource newDatabase(String name) throws SQLException {
        String schema = RUN + "_" + name;
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {HOST});
        ds.setPortNumbers(new int[] {PORT});
        ds.setDatabaseName(DATABASE);
        ds.setUser(USER);
        ds.setCurrentSchema(schema);
        return ds;
    }

    @Override
    String product() {
        return "postgresql";
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aFunctionBodyWithSemicolonsRunsWhole() throws Exception {
        DataSource ds = newDatabase("plpgsql");
        List<String> applied =
                new SchemaMigrator(ds, List.of(SchemaMigrator.ROOT, "db/migration-test/plpgsql")).migrate();
        assertTrue(applied.contains("V60__function_with_semicolons.sql"), applied.toString());
        assertEquals(42, count(ds, "SELECT interops_test_double(21)"));
        assertEquals(1, count(ds, "SELECT COUNT(*) FROM plpgsql_audit WHERE n = 42"), "the body ran as written");
        assertEquals("n=7;", string(ds, "SELECT interops_test_tagged(7)"));
    }

    @Test
    void theHistoryLivesInTheConnectionsSchemaOnly() throws Exception {
        DataSource ds = newDatabase("where");
        new SchemaMigrator(ds).migrate();
        String schema = string(ds, "SELECT current_schema()");
        assertEquals(
                1,
                count(
                        ds,
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'flyway_schema_history'"
                                + " AND table_schema = '" + schema + "'"));
        assertEquals(
                0,
                count(
                        ds,
                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'flyway_schema_history'"
                                + " AND table_schema = 'public'"),
                "the database's public schema untouched");
    }
}
