package fr.interopsr.trace;

import fr.interopsr.platform.SchemaMigrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Schemas of one test class on the PostgreSQL of the tests ({@code it.pg.*}), each made by the real
 * migrations, all dropped by {@link #dropAll}. For the {@code *PostgresTest} variants of H2 tests.
 */
final class PostgresSchemas {

    static final String HOST = System.getProperty("it.pg.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("it.pg.port", 5432);
    static final String DATABASE = System.getProperty("it.pg.database", "test");
    static final String USER = System.getProperty("it.pg.user", "root");

    private final String prefix;
    private final List<String> schemas = new ArrayList<>();

    PostgresSchemas(String name) {
        this.prefix = name + "_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000 + "_";
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, USER, "");
    }

    /** A connection to a new, migrated schema. */
    Connection next() throws Exception {
        return nextDataSource().getConnection();
    }

    /** A new, migrated schema, for several connections (several nodes on one database). */
    synchronized DataSource nextDataSource() throws Exception {
        String schema = prefix + schemas.size();
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        schemas.add(schema);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {HOST});
        ds.setPortNumbers(new int[] {PORT});
        ds.setDatabaseName(DATABASE);
        ds.setUser(USER);
        ds.setCurrentSchema(schema);
        new SchemaMigrator(ds).migrate();
        return ds;
    }

    synchronized void dropAll() throws SQLException {
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
