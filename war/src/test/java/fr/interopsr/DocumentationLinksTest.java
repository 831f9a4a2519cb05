package fr.interopsr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation points at what exists (issue 13, item 5): every markdown link of {@code docs/*.md}, the
 * READMEs and every other {@code *.md} of the repository that names a file of the repository (a class, a test, a
 * configuration file, another page) resolves to an existing file or folder inside the repository; a link whose text
 * is a class name in backticks points at that class's file; and every test cited as {@code TestClass.method} or
 * {@code TestClass} (as the "proved by" columns of {@code docs/conformance.md} do) exists. Web links ({@code http},
 * {@code https}, {@code mailto}) and pure {@code #anchors} are not checked; for {@code file.md#anchor} only the file
 * is. Runs from the {@code war} module, whose parent is the repository's root.
 */
class DocumentationLinksTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Folders that hold no documentation of the repository: build output, generated data, dependencies. */
    private static final Set<String> SKIPPED = Set.of("target", "node_modules", "data", ".git");

    /** {@code [text](target)} or {@code ![alt](target "title")}; the text may hold one level of brackets. */
    private static final Pattern LINK = Pattern.compile(
            "!?\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    private static final Pattern WEB = Pattern.compile("(?i)(https?|mailto):.*");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern CLASS_TEXT =
            Pattern.compile("`(?:[a-z_][\\w$]*\\.)*([A-Z][\\w$]*)(?:\\.[\\w$]+)*(?:\\(\\))?`");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern TEST_REF = Pattern.compile("([A-Z][a-z][\\w$]*(?:Test|IT))(?:\\.([\\w$]+))?");

    @Test
    void theConformancePageIsChecked() {
        assertTrue(Files.isRegularFile(ROOT.resolve("pom.xml")), "the repository's root is " + ROOT);
        assertTrue(documents().contains(ROOT.resolve("docs/conformance.md")), "docs/conformance.md is checked");
        assertTrue(documents().contains(ROOT.resolve("README.md")), "README.md is checked");
    }

    @Test
    void everyLinkToAFileOfTheRepositoryResolves() {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            forEachLine(doc, (line, number) -> {
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    if (insideCodeSpan(line, m.start())) {
                        continue;
                    }
                    String problem = problem(doc, m.group(1), m.group(2));
                    if (problem != null) {
                        broken.add(ROOT.relativize(doc) + ":" + number + ": " + m.group() + ": " + problem);
                    }
                }
            });
        }
        assertTrue(broken.isEmpty(), () -> broken.size() + " broken link(s):\n" + String.join("\n", broken));
    }

    @Test
    void everyTestThatTheDocumentationCitesExists() {
        Map<String, List<String>> tests = testSources();
        List<String> missing = new ArrayList<>();
        for (Path doc : documents()) {
            forEachLine(doc, (line, number) -> {
                Matcher span = CODE_SPAN.matcher(line);
                while (span.find()) {
                    Matcher ref = TEST_REF.matcher(span.group(2).trim());
                    if (!ref.matches()) {
                        continue;
                    }
                    String where = ROOT.relativize(doc) + ":" + number + ": `" + ref.group() + "`: ";
                    List<String> sources = tests.get(ref.group(1));
                    if (sources == null) {
                        missing.add(where + "no test class " + ref.group(1) + " under */src/test/java");
                    } else if (ref.group(2) != null) {
                        Pattern method = Pattern.compile("\\bvoid\\s+" + Pattern.quote(ref.group(2)) + "\\s*\\(");
                        if (sources.stream().noneMatch(s -> method.matcher(s).find())) {
                            missing.add(where + "no method " + ref.group(2) + " in " + ref.group(1));
                        }
                    }
                }
            });
        }
        assertTrue(missing.isEmpty(), () -> missing.size() + " missing test(s):\n" + String.join("\n", missing));
    }

    /**
     * Issue 13, item 0: nothing in the build, the tests, the bench, the CI script, the server configuration or the
     * documentation points at the project's notes beside the checkout (the folder {@code shared} next to it).
     */
    @Test
    void nothingPointsOutsideTheRepository() {
        String parent = ".." + "/" + "shared";
        String property = "interops." + "shared.dir";
        List<String> found = new ArrayList<>();
        for (String folder : List.of(
                "war/src",
                "war/pom.xml",
                "pom.xml",
                "dev-pki",
                "tools",
                "ear",
                "bench",
                ".ci",
                "server-config",
                "docs")) {
            for (Path file : files(ROOT.resolve(folder))) {
                String text = lenient(file);
                if (text.contains(parent) || text.contains(property)) {
                    found.add(ROOT.relativize(file).toString());
                }
            }
        }
        for (Path doc : documents()) {
            if (read(doc).contains(parent)) {
                found.add(ROOT.relativize(doc).toString());
            }
        }
        assertTrue(found.isEmpty(), () -> "files naming " + parent + " or " + property + ": " + found);
    }

    /** Why the link {@code [text](target)} of {@code doc} is broken, or null when it is not. */
    private static String problem(Path doc, String text, String target) {
        if (WEB.matcher(target).matches() || target.startsWith("#")) {
            return null;
        }
        if (target.isEmpty()) {
            return "empty target";
        }
        if (SCHEME.matcher(target).matches()) {
            return "not a web link and not a file of the repository";
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path resolved;
        try {
            String decoded = URI.create(path).getPath();
            resolved = (decoded.startsWith("/")
                            ? ROOT.resolve(decoded.substring(1))
                            : doc.getParent().resolve(decoded))
                    .normalize();
        } catch (IllegalArgumentException e) {
            return "not a path: " + e.getMessage();
        }
        if (!resolved.startsWith(ROOT)) {
            return "outside the repository (" + resolved + ")";
        }
        if (!Files.exists(resolved)) {
            return "no such file: " + ROOT.relativize(resolved);
        }
        Matcher cls = CLASS_TEXT.matcher(text);
        String file = resolved.getFileName().toString();
        if (cls.matches() && file.endsWith(".java") && !file.equals(cls.group(1) + ".java")) {
            return "the text names " + cls.group(1) + " but the link is " + file;
        }
        return null;
    }

    /** Whether {@code index} of {@code line} is inside a {@code `code span`} (a link there is only text). */
    private static boolean insideCodeSpan(String line, int index) {
        Matcher span = CODE_SPAN.matcher(line);
        while (span.find()) {
            if (span.start() < index && index < span.end()) {
                return true;
            }
            if (span.start() > index) {
                return false;
            }
        }
        return false;
    }

    private interface LineVisitor {
        void visit(String line, int number);
    }

    /** Each line of {@code doc} outside fenced code blocks, numbered from 1. */
    private static void forEachLine(Path doc, LineVisitor visitor) {
        List<String> lines = read(doc).lines().toList();
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.stripLeading();
            if (fence == null && (stripped.startsWith("```") || stripped.startsWith("~~~"))) {
                fence = stripped.substring(0, 3);
            } else if (fence != null) {
                if (stripped.startsWith(fence)) {
                    fence = null;
                }
            } else {
                visitor.visit(line, i + 1);
            }
        }
    }

    /** Every {@code *.md} of the repository outside build output and generated folders, sorted. */
    private static List<Path> documents() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(Files::isRegularFile)
                    .filter(DocumentationLinksTest::inTheSources)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text files under {@code start} (or {@code start} itself), build output left out. */
    static List<Path> files(Path start) {
        if (!Files.exists(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .filter(DocumentationLinksTest::inTheSources)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code file} is outside build output and generated folders. */
    private static boolean inTheSources(Path file) {
        for (Path part : ROOT.relativize(file)) {
            if (SKIPPED.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sources of the test classes of every module ({@code war}, {@code dev-pki}, {@code tools}: each
     * {@code <module>/src/test/java}), by simple name (a name may occur in several packages).
     */
    private static Map<String, List<String>> testSources() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            Map<String, List<String>> sources = new HashMap<>();
            for (Path tests : modules.map(m -> m.resolve("src/test/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".java"))
                            .forEach(p -> sources.computeIfAbsent(
                                            p.getFileName().toString().replaceFirst("\\.java$", ""),
                                            k -> new ArrayList<>())
                                    .add(read(p)));
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes as UTF-8, malformed bytes replaced: binary files are scanned too, never refused. */
    static String lenient(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
