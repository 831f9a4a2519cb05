package fr.interopsr.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Schemas of one test class on the PostgreSQL of the tests ({@code it.pg.host}, {@code it.pg.port},
 * {@code it.pg.database}, {@code it.pg.user}: 127.0.0.1:5432, database {@code test}, trust authentication on every
 * machine of the project and in CI), empty or made by the real migrations, all dropped by {@link #dropAll}. For the
 * {@code *PostgresTest} variants of H2 tests; nothing else of the database is touched.
 */
public final class PostgresSchemas {

    public static final String HOST = System.getProperty("it.pg.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("it.pg.port", 5432);
    public static final String DATABASE = System.getProperty("it.pg.database", "test");
    public static final String USER = System.getProperty("it.pg.user", "root");

    private final String prefix;
    private final List<String> schemas = new ArrayList<>();

    /** {@code name}: the start of this class's schema names (then the process id and a time). */
    public PostgresSchemas(String name) {
        this.prefix = name + "_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100000 + "_";
    }

    /** The database's JDBC URL, without a schema. */
    public static String url() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE;
    }

    /** A connection to the database, on a schema when one is given. */
    public static Connection connect(String schema) throws SQLException {
        try {
            return DriverManager.getConnection(schema == null ? url() : url() + "?currentSchema=" + schema, USER, "");
        } catch (SQLException e) {
            throw new SQLException(
                    "PostgreSQL at " + HOST + ":" + PORT + "/" + DATABASE
                            + " is needed by this test (.ci/run and every machine of the project start it)",
                    e);
        }
    }

    /** A connection to a new, migrated schema. */
    public Connection next() throws Exception {
        return nextDataSource().getConnection();
    }

    /** A new, migrated schema, for several connections (several nodes on one database). */
    public synchronized DataSource nextDataSource() throws Exception {
        DataSource ds = empty(String.valueOf(size()));
        new SchemaMigrator(ds).migrate();
        return ds;
    }

    /** A new, empty schema, named after {@code name}. */
    public synchronized DataSource empty(String name) throws SQLException {
        String schema = prefix + name;
        try (Connection c = connect(null);
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
        return ds;
    }

    private synchronized int size() {
        return schemas.size();
    }

    /** Drops every schema made here. */
    public synchronized void dropAll() throws SQLException {
        try (Connection c = connect(null);
                Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
