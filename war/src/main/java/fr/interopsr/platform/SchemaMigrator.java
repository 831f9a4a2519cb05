package fr.interopsr.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Applies the versioned SQL migrations of {@code db/migration/} (listed in
 * {@code db/migration/index.txt}) to the database behind {@code jdbc/interops}, once, in
 * order, recording each in {@code schema_migration} (D-25: the schema never comes from JPA).
 * Several nodes starting together serialise on a row lock of {@code schema_lock}, held on a
 * connection of its own for the whole run.
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    private static final String BASE = "db/migration/";

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The migrations this build knows, in order, e.g. {@code V1__initial_schema.sql}. */
    public static List<String> knownMigrations() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Applies what is missing; returns the names applied now. The row lock is held by a
     * connection of its own for the whole run, so that DDL (which H2 commits at once) cannot
     * release it; each migration runs in a transaction of its own on a second connection
     * (atomic on PostgreSQL, whose DDL is transactional).
     */
    public List<String> migrate() throws SQLException, IOException {
        createBookkeeping();
        List<String> applied = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            boolean lockAutoCommit = lock.getAutoCommit();
            lock.setAutoCommit(false);
            try (Connection work = dataSource.getConnection()) {
                try (Statement s = lock.createStatement()) {
                    s.executeQuery("SELECT id FROM schema_lock WHERE id = 1 FOR UPDATE")
                            .close();
                }
                Set<String> done = appliedMigrations(work);
                boolean workAutoCommit = work.getAutoCommit();
                work.setAutoCommit(false);
                try {
                    for (String name : knownMigrations()) {
                        if (!done.contains(name)) {
                            apply(work, name);
                            applied.add(name);
                        }
                    }
                } finally {
                    work.setAutoCommit(workAutoCommit);
                }
                lock.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                lock.rollback();
                throw e;
            } finally {
                lock.setAutoCommit(lockAutoCommit);
            }
        }
        return applied;
    }

    private static void apply(Connection work, String name) throws SQLException, IOException {
        LOG.info(() -> "Applying schema migration " + name);
        try {
            for (String sql : statements(resource(name))) {
                try (Statement s = work.createStatement()) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p =
                    work.prepareStatement("INSERT INTO schema_migration (name, applied_at) VALUES (?, ?)")) {
                p.setString(1, name);
                p.setObject(2, OffsetDateTime.now());
                p.executeUpdate();
            }
            work.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            work.rollback();
            throw e;
        }
    }

    /** The migrations of this build that the database lacks (empty when up to date). */
    public List<String> pending() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            Set<String> done;
            try {
                done = appliedMigrations(c);
            } catch (SQLException noTable) {
                done = Set.of();
            }
            List<String> missing = new ArrayList<>(knownMigrations());
            missing.removeAll(done);
            return missing;
        }
    }

    private void createBookkeeping() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migration ("
                        + "name VARCHAR(200) NOT NULL PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS schema_lock (id INTEGER NOT NULL PRIMARY KEY)");
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM schema_lock WHERE id = 1")) {
                    r.next();
                    if (r.getInt(1) == 0) {
                        s.executeUpdate("INSERT INTO schema_lock (id) VALUES (1)");
                    }
                }
                return;
            } catch (SQLException raced) {
                // another node created the same table or row at the same moment: look again
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }

    private static Set<String> appliedMigrations(Connection c) throws SQLException {
        Set<String> done = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM schema_migration")) {
            while (r.next()) {
                done.add(r.getString(1));
            }
        }
        return done;
    }

    /** Splits a script on semicolons at line ends; comments ({@code --}) are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IOException("missing migration resource " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
