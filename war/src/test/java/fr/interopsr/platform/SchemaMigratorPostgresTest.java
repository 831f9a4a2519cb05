package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * D-25, issue 13: the migrations on PostgreSQL ({@link PostgresSchemas}). Each test works in an empty
 * schema of its own, dropped at the end.
 */
class SchemaMigratorPostgresTest extends SchemaMigratorContract {

    private static final PostgresSchemas SCHEMAS = new PostgresSchemas("mig");

    @Override
    DataSource newDatabase(String name) throws SQLException {
        return SCHEMAS.empty(name);
    }

    @Override
    String product() {
        return "postgresql";
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        SCHEMAS.dropAll();
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
