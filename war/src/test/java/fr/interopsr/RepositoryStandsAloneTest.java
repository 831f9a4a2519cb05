package fr.interopsr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone (P-15, issue 16 "Done when"): in a clone made outside any other folder, {@code mvn
 * verify} passes with no test skipped for a missing file. Two guards, both read the sources only:
 * <ul>
 *   <li>no code, pom, script, configuration or page of the repository names the folder beside it that holds the
 *       standard's notes, nor this machine's work folder;
 *   <li>a test that can skip itself (JUnit's assumptions, {@code @Disabled}, {@code @EnabledIf…}, {@code
 *       @DisabledIf…}, {@code @EnabledOn…}, {@code @DisabledOn…}) is listed in {@link #MAY_SKIP} with the condition
 *       it skips on, which is never a missing file; a new one fails here until it is listed.
 * </ul>
 * Runs from the {@code war} module, whose parent is the repository's root.
 */
class RepositoryStandsAloneTest {

    private static final Path ROOT = DocumentationLinksTest.ROOT;

    /** The text files scanned for paths outside the repository, by how their name ends. */
    private static final Pattern TEXT =
            Pattern.compile(".*\\.(java|xml|md|sh|properties|txt|cli|asadmin|json|conf|cfg|ya?ml|sql|html|css)");

    /**
     * The folder beside the repository, and this machine's work folder as the start of an absolute path (not
     * {@code /tmp/x/work/}); written in pieces, so that this file does not name them itself.
     */
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./" + "shared\\b|(?<![\\w.~/-])/" + "work/");

    private static final Pattern SKIPS = Pattern.compile(
            "\\bAssumptions\\b|\\bassume(True|False|That)?\\s*\\(|@Disabled\\b|@(Enabled|Disabled)(If|On)\\w*");

    /** The tests that may skip themselves, and on what: a profile or a switch, never a file that may be missing. */
    static final Map<String, String> MAY_SKIP = Map.of(
            "war/src/test/java/fr/interopsr/it/ProductionStartIT.java",
                    "runs in the H2 run of the integration tests only (assumeFalse(POSTGRES))",
            "war/src/test/java/fr/interopsr/trace/TraceAuditRateTest.java",
                    "a measure run on demand: -Dinterops.rate.records=N (@EnabledIfSystemProperty)",
            "war/src/test/java/fr/interopsr/app/OwnerOnlyFilesTest.java",
                    "POSIX file modes: not on Windows (@DisabledOnOs)");

    @Test
    void nothingNamesAFolderOutsideTheRepository() {
        assertTrue(Files.isRegularFile(ROOT.resolve("pom.xml")), "the repository's root is " + ROOT);
        List<String> found = new ArrayList<>();
        List<Path> files = files(
                ROOT,
                p -> TEXT.matcher(p.getFileName().toString()).matches()
                        || ROOT.relativize(p).startsWith(".ci"));
        assertTrue(files.contains(ROOT.resolve("war/pom.xml")), "war/pom.xml is scanned");
        for (Path file : files) {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (OUTSIDE.matcher(lines[i]).find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertTrue(found.isEmpty(), () -> "paths outside the repository (P-15):\n" + String.join("\n", found));
    }

    @Test
    void onlyTheListedTestsMaySkipThemselves() {
        Map<String, String> skipping = new TreeMap<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                for (Path source : files(tests, p -> p.getFileName().toString().endsWith(".java"))) {
                    if (source.getFileName().toString().equals("RepositoryStandsAloneTest.java")) {
                        continue;
                    }
                    Matcher m = SKIPS.matcher(read(source));
                    if (m.find()) {
                        skipping.put(ROOT.relativize(source).toString().replace('\\', '/'), m.group());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(
                new TreeMap<>(MAY_SKIP).keySet(),
                skipping.keySet(),
                () -> "tests that can skip themselves " + skipping
                        + ": a test must not skip on a missing file (P-15); list a test that skips on a profile or"
                        + " a switch in MAY_SKIP, with the condition");
    }

    /** The files under {@code start} that {@code wanted} keeps, build output left out, sorted. */
    private static List<Path> files(Path start, Predicate<Path> wanted) {
        return DocumentationLinksTest.files(start).stream()
                .filter(wanted)
                .sorted()
                .toList();
    }

    private static String read(Path file) {
        return DocumentationLinksTest.lenient(file);
    }
}
