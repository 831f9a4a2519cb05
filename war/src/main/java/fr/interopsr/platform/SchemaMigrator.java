package fr.interopsr.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Applies the versioned SQL migrations of {@code db/migration/} to the database behind
 * {@code jdbc/interops} with Flyway (D-25: the schema never comes from JPA), recording them in
 * Flyway's {@code flyway_schema_history}.
 *
 * <ul>
 *   <li>The scripts are listed by the {@code index.txt} of {@code db/migration/} (every database)
 *       and of {@code db/migration/h2/} or {@code db/migration/postgresql/} (that product only),
 *       and given to Flyway explicitly ({@link MigrationScripts}): no class-path scanning.
 *   <li>Several nodes starting together serialise on a row lock of {@code schema_lock}, held on a
 *       connection of its own for the whole run (Flyway's own lock is taken inside it).
 *   <li>A database of the home-made migrator (table {@code schema_migration}, no Flyway history)
 *       is taken over with a baseline at the highest version it holds, never rebuilt.
 *   <li>An applied migration whose script was edited stops the start (Flyway's checksums).
 *   <li>Migrations newer than this build ({@code *:future}) are allowed, for rolling restarts:
 *       this rests on migrations being expand-only within a release (docs/operations.md).
 * </ul>
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    /** The production root: {@code index.txt} and its scripts, plus one folder per database product. */
    static final String ROOT = "db/migration";
    /** Flyway's history table (its default name, named here so that nothing depends on a default). */
    static final String HISTORY = "flyway_schema_history";
    /** The table of the home-made migrator this one replaces: what a take-over reads. */
    static final String LEGACY_HISTORY = "schema_migration";

    static final String LOCK_TABLE = "schema_lock";
    static final String NEW_DATABASE = "Interops-R: new database";
    static final String TAKEN_OVER = "Interops-R: taken over from schema_migration";

    private final DataSource dataSource;
    private final List<String> roots;

    public SchemaMigrator(DataSource dataSource) {
        this(dataSource, List.of(ROOT));
    }

    /** Tests add roots of their own (a future version, an edited script) to the production one. */
    SchemaMigrator(DataSource dataSource, List<String> roots) {
        this.dataSource = dataSource;
        this.roots = List.copyOf(roots);
    }

    /** The migrations this build holds for this database, in version order, e.g. {@code V1__initial_schema.sql}. */
    public List<String> knownMigrations() throws SQLException, IOException {
        return scripts().names();
    }

    /**
     * Applies what is missing; returns the names applied now. The row lock of {@code schema_lock} is
     * held by a connection of its own for the whole run, so that DDL (which H2 commits at once) cannot
     * release it, and so that the take-over of a legacy database is decided by one node alone; Flyway
     * runs each migration in a transaction of its own on connections of its own (atomic on PostgreSQL,
     * whose DDL is transactional).
     *
     * @throws IllegalStateException when the history does not match this build (an applied script
     *     was edited, or an applied one is missing), or a legacy database cannot be taken over
     */
    public List<String> migrate() throws SQLException, IOException {
        MigrationScripts scripts = scripts();
        createLockTable();
        try (Connection lock = dataSource.getConnection()) {
            boolean lockAutoCommit = lock.getAutoCommit();
            lock.setAutoCommit(false);
            try {
                try (Statement s = lock.createStatement()) {
                    s.executeQuery("SELECT id FROM " + LOCK_TABLE + " WHERE id = 1 FOR UPDATE")
                            .close();
                }
                Baseline baseline = baseline(scripts);
                if (baseline.description().equals(TAKEN_OVER)) {
                    LOG.info(() -> "taking over the schema recorded in " + LEGACY_HISTORY
                            + ": Flyway baseline at version " + baseline.version());
                }
                MigrateResult result;
                try {
                    result = flyway(scripts, baseline).migrate();
                } catch (FlywayValidateException e) {
                    throw mismatch(e.getMessage(), e);
                }
                List<String> applied = new ArrayList<>();
                for (MigrateOutput m : result.migrations) {
                    scripts.byVersion(m.version).ifPresent(s -> applied.add(s.name()));
                }
                lock.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                lock.rollback();
                throw e;
            } finally {
                lock.setAutoCommit(lockAutoCommit);
            }
        }
    }

    /**
     * The migrations of this build that the database lacks (empty when up to date), read without
     * changing anything. A database of the home-made migrator counts as holding what its
     * {@code schema_migration} records.
     *
     * @throws IllegalStateException when the history does not match this build, as for {@link #migrate()}
     */
    public List<String> pending() throws SQLException, IOException {
        MigrationScripts scripts = scripts();
        if (hasTable(HISTORY)) {
            Flyway flyway = flyway(scripts, Baseline.NEW);
            ValidateResult validation = Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .configuration(flyway.getConfiguration())
                    .ignoreMigrationPatterns("*:future", "*:pending")
                    .load()
                    .validateWithResult();
            if (!validation.validationSuccessful) {
                throw mismatch(validation.getAllErrorMessages(), null);
            }
            List<String> missing = new ArrayList<>();
            for (MigrationInfo info : flyway.info().pending()) {
                if (info.getVersion() != null) {
                    scripts.byVersion(info.getVersion().getVersion()).ifPresent(s -> missing.add(s.name()));
                }
            }
            return missing;
        }
        Baseline baseline = baseline(scripts);
        return scripts.scripts().stream()
                .filter(s -> s.version().isNewerThan(baseline.version()))
                .map(MigrationScripts.Script::name)
                .toList();
    }

    private static IllegalStateException mismatch(String flywayMessage, FlywayException cause) {
        return new IllegalStateException(
                "the database schema history does not match the migrations of this build (an applied"
                        + " migration was edited after it was applied, or an applied one is missing): "
                        + flywayMessage
                        + " -- restore the script as it was applied and put the change in a new migration;"
                        + " the server does not run Flyway's repair (docs/operations.md, Schema migrations)",
                cause);
    }

    /** What Flyway does on a database that has no history of its own yet. */
    record Baseline(MigrationVersion version, String description) {
        static final Baseline NEW = new Baseline(MigrationVersion.fromVersion("0"), NEW_DATABASE);
    }

    /**
     * A database without Flyway history is baselined: at 0 when it is new (its only table is
     * {@code schema_lock}, so Flyway sees a non-empty schema and needs a baseline to start), at the
     * highest version its {@code schema_migration} records when the home-made migrator made it.
     * The take-over refuses a record with a hole below that version, which this build would
     * otherwise skip.
     */
    private Baseline baseline(MigrationScripts scripts) throws SQLException {
        if (hasTable(HISTORY) || !hasTable(LEGACY_HISTORY)) {
            return Baseline.NEW;
        }
        Set<MigrationVersion> recorded = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM " + LEGACY_HISTORY)) {
            while (r.next()) {
                String name = r.getString(1);
                recorded.add(MigrationScripts.version(name)
                        .orElseThrow(() -> new IllegalStateException("cannot take over the schema: "
                                + LEGACY_HISTORY + " records " + name
                                + ", which is not named V<version>__<description>.sql")));
            }
        }
        if (recorded.isEmpty()) {
            return Baseline.NEW;
        }
        MigrationVersion highest =
                recorded.stream().max(MigrationVersion::compareTo).orElseThrow();
        List<String> holes = scripts.scripts().stream()
                .filter(s -> !s.version().isNewerThan(highest) && !recorded.contains(s.version()))
                .map(MigrationScripts.Script::name)
                .toList();
        if (!holes.isEmpty()) {
            throw new IllegalStateException("cannot take over the schema: " + LEGACY_HISTORY + " records up to V"
                    + highest + " but lacks " + holes + " (docs/operations.md, Schema migrations)");
        }
        return new Baseline(highest, TAKEN_OVER);
    }

    private Flyway flyway(MigrationScripts scripts, Baseline baseline) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY)
                // the scripts come from the indexes, never from a class-path scan (WildFly VFS, Payara)
                .resourceProvider(scripts)
                .javaMigrationClassProvider(List::of)
                .skipDefaultCallbacks(true)
                .sqlMigrationPrefix("V")
                .sqlMigrationSeparator("__")
                .sqlMigrationSuffixes(".sql")
                .encoding(StandardCharsets.UTF_8)
                .placeholderReplacement(false)
                .validateMigrationNaming(true)
                .validateOnMigrate(true)
                // rolling restarts: a newer node may have applied migrations this build does not
                // know; allowed because migrations are expand-only within a release
                .ignoreMigrationPatterns("*:future")
                .outOfOrder(false)
                .group(false)
                .mixed(false)
                .cleanDisabled(true)
                .baselineOnMigrate(true)
                .baselineVersion(baseline.version())
                .baselineDescription(baseline.description())
                .load();
    }

    private MigrationScripts scripts() throws SQLException, IOException {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        return MigrationScripts.load(SchemaMigrator.class.getClassLoader(), roots, vendorFolder(product));
    }

    /** The folder of a database product's own scripts: {@code h2}, {@code postgresql}. */
    static Optional<String> vendorFolder(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.equals("h2")) {
            return Optional.of("h2");
        }
        if (p.equals("postgresql")) {
            return Optional.of("postgresql");
        }
        LOG.warning(() -> "no migration folder for the database product " + productName + ": common scripts only");
        return Optional.empty();
    }

    /** Whether the current schema has this table (H2 keeps unquoted names in capitals, PostgreSQL in lower case). */
    private boolean hasTable(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet r = meta.getTables(c.getCatalog(), c.getSchema(), null, null)) {
                while (r.next()) {
                    if (name.equalsIgnoreCase(r.getString("TABLE_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void createLockTable() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + LOCK_TABLE + " (id INTEGER NOT NULL PRIMARY KEY)");
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + LOCK_TABLE + " WHERE id = 1")) {
                    r.next();
                    if (r.getInt(1) == 0) {
                        s.executeUpdate("INSERT INTO " + LOCK_TABLE + " (id) VALUES (1)");
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
}
