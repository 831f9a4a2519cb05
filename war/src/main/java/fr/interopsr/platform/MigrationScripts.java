package fr.interopsr.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The SQL migrations of this build for one database product, read from the class path through
 * the {@code index.txt} of each folder, and handed to Flyway as its {@link ResourceProvider}: Flyway
 * never scans the class path, whose listing inside a WAR differs between WildFly (VFS) and Payara.
 *
 * <p>Each root (production: {@code db/migration}) holds the scripts every database runs, listed in
 * its {@code index.txt}; its sub-folder named after the database product ({@code h2},
 * {@code postgresql}) holds the scripts of that product only, listed in that folder's
 * {@code index.txt} (a folder without one has none). Flyway applies them in version order, whatever
 * the folder; a version appears once for a given product (D-25).
 */
final class MigrationScripts implements ResourceProvider {

    /** {@code V<version>__<description>.sql}, Flyway's naming; the version may be {@code 1}, {@code 1.2}, {@code 1_2}. */
    private static final Pattern NAME = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__[A-Za-z0-9_]+\\.sql");

    /** One script: its file name, its path on the class path, its path below its root, its version. */
    record Script(String name, String classpathPath, String relativePath, MigrationVersion version, String content) {}

    private final List<Script> scripts;

    private MigrationScripts(List<Script> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    /**
     * The scripts under {@code roots} for the product whose folder is {@code vendor} (empty: the
     * common scripts only).
     */
    static MigrationScripts load(ClassLoader loader, List<String> roots, Optional<String> vendor) throws IOException {
        List<Script> found = new ArrayList<>();
        Map<MigrationVersion, String> seen = new HashMap<>();
        for (String root : roots) {
            List<String> folders = new ArrayList<>();
            folders.add("");
            vendor.ifPresent(v -> folders.add(v + "/"));
            for (String folder : folders) {
                String dir = root + "/" + folder;
                Optional<String> index = read(loader, dir + "index.txt");
                if (index.isEmpty()) {
                    if (folder.isEmpty()) {
                        throw new IOException("missing migration index " + dir + "index.txt");
                    }
                    continue;
                }
                for (String name : names(index.get())) {
                    Optional<MigrationVersion> version = version(name);
                    if (version.isEmpty()) {
                        throw new IOException("migration " + dir + name
                                + " is not named V<version>__<description>.sql (letters, digits, _)");
                    }
                    String path = dir + name;
                    String content =
                            read(loader, path).orElseThrow(() -> new IOException("missing migration resource " + path));
                    String before = seen.put(version.get(), path);
                    if (before != null) {
                        throw new IOException("two migrations with version " + version.get() + ": " + before + " and "
                                + path + " (a version appears once for a database product)");
                    }
                    found.add(new Script(name, path, folder + name, version.get(), content));
                }
            }
        }
        found.sort((a, b) -> a.version().compareTo(b.version()));
        return new MigrationScripts(found);
    }

    /** The file names an index lists: one per line; blank lines and {@code #} lines are ignored. */
    static List<String> names(String index) {
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The version of a script named {@code V<version>__<description>.sql}, if it is named so. */
    static Optional<MigrationVersion> version(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Optional.of(MigrationVersion.fromVersion(m.group(1).replace('_', '.'))) : Optional.empty();
    }

    /** In version order. */
    List<Script> scripts() {
        return scripts;
    }

    List<String> names() {
        return scripts.stream().map(Script::name).toList();
    }

    Optional<Script> byVersion(String version) {
        if (version == null || version.isEmpty()) {
            return Optional.empty();
        }
        MigrationVersion v = MigrationVersion.fromVersion(version);
        return scripts.stream().filter(s -> s.version().equals(v)).findFirst();
    }

    @Override
    public LoadableResource getResource(String name) {
        return scripts.stream()
                .filter(s -> s.relativePath().equals(name) || s.classpathPath().equals(name))
                .findFirst()
                .map(ScriptResource::new)
                .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> out = new ArrayList<>();
        for (Script s : scripts) {
            if (s.name().startsWith(prefix) && endsWithAny(s.name(), suffixes)) {
                out.add(new ScriptResource(s));
            }
        }
        return out;
    }

    private static boolean endsWithAny(String name, String[] suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> read(ClassLoader loader, String path) throws IOException {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** A script as Flyway reads it: the content is already in memory. */
    private static final class ScriptResource extends LoadableResource {
        private final Script script;

        ScriptResource(Script script) {
            this.script = script;
        }

        @Override
        public Reader read() {
            return new StringReader(script.content());
        }

        @Override
        public String getAbsolutePath() {
            return script.classpathPath();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return script.classpathPath();
        }

        @Override
        public String getFilename() {
            return script.name();
        }

        @Override
        public String getRelativePath() {
            return script.relativePath();
        }
    }
}
