package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** D-25, issue 13: the migrations on H2, in memory, driven by Flyway without a container. */
class SchemaMigratorTest extends SchemaMigratorContract {

    private static final Path MIGRATIONS = Path.of("src/main/resources", SchemaMigrator.ROOT);

    @Override
    DataSource newDatabase(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:migrator-" + name + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    @Override
    String product() {
        return "h2";
    }

    @Test
    void eachIndexListsEveryScriptOfItsFolderAndOnlyThose() throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(MIGRATIONS)) {
            dirs.filter(Files::isDirectory)
                    .forEach(d -> folders.add(d.getFileName().toString()));
        }
        assertEquals(Set.of("h2", "postgresql"), folders, "one folder per database product we run on");
        for (Path dir : List.of(MIGRATIONS, MIGRATIONS.resolve("h2"), MIGRATIONS.resolve("postgresql"))) {
            Set<String> files = new TreeSet<>();
            try (Stream<Path> list = Files.list(dir)) {
                list.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".sql"))
                        .forEach(files::add);
            }
            Set<String> listed = new TreeSet<>(MigrationScripts.names(Files.readString(dir.resolve("index.txt"))));
            assertEquals(files, listed, dir + "/index.txt lists every script there, and only those");
        }
        for (String product : folders) {
            // a version appears once for a product, common and vendor scripts together
            MigrationScripts.load(getClass().getClassLoader(), List.of(SchemaMigrator.ROOT), Optional.of(product));
        }
    }

    @Test
    void theVendorFolderComesFromTheProductName() {
        assertEquals(Optional.of("h2"), SchemaMigrator.vendorFolder("H2"));
        assertEquals(Optional.of("postgresql"), SchemaMigrator.vendorFolder("PostgreSQL"));
        assertEquals(Optional.empty(), SchemaMigrator.vendorFolder("Apache Derby"));
    }

    @Test
    void aVersionTwiceForOneProductIsRefused() {
        IOException e = assertThrows(
                IOException.class,
                () -> MigrationScripts.load(
                        getClass().getClassLoader(),
                        List.of(SchemaMigrator.ROOT, "db/migration-test/edit-before", "db/migration-test/edit-after"),
                        Optional.of("h2")));
        assertTrue(e.getMessage().contains("two migrations with version 6"), e.getMessage());
    }

    @Test
    void scriptNamesFollowFlywaysConvention() {
        assertEquals(
                "1",
                MigrationScripts.version("V1__initial_schema.sql").orElseThrow().getVersion());
        assertEquals(
                "1.2", MigrationScripts.version("V1_2__x.sql").orElseThrow().getVersion());
        assertEquals(Optional.empty(), MigrationScripts.version("V1_initial.sql"));
        assertEquals(Optional.empty(), MigrationScripts.version("R__view.sql"));
    }
}
