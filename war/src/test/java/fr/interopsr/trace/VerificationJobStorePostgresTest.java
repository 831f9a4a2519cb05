package fr.interopsr.trace;

import fr.interopsr.platform.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link VerificationJobStoreTest} on PostgreSQL (D-24): each case in a schema of its own made by the real
 * migrations, dropped at the end. Runs with {@code -Ppostgres} only, like every {@code *PostgresTest}.
 */
class VerificationJobStorePostgresTest extends VerificationJobStoreTest {

    private static final String HOST = System.getProperty("it.pg.host", "127.0.0.1");
    private static final int PORT = Integer.getInteger("it.pg.port", 5432);
    private static final String DATABASE = System.getProperty("it.pg.database", "test");
    private static final String USER = System.getProperty("it.pg.user", "root");
    private static final String PREFIX =
            "jobs_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000 + "_";
    private static final List<String> SCHEMAS = new ArrayList<>();

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, USER, "");
    }

    @Override
    Connection database() throws Exception {
        String schema = PREFIX + SCHEMAS.size();
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
        new SchemaMigrator(ds).migrate();
        return ds.getConnection();
    }

    @AfterAll
    static void drop() throws SQLException {
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
