package fr.interopsr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.interopsr.platform.SchemaMigrator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 14 §5, tooling out of the WAR: the development PKI ({@code DevPki}, module {@code dev-pki}) is a test
 * dependency only, and the operator's tools ({@code AdminUserTool}, {@code TraceVerifyTool}, module {@code tools})
 * are not in the WAR's classes. {@code WarContentsIT} checks the packaged {@code interops.war} itself.
 */
class ToolingOutOfTheWarTest {

    /** Simple names of classes that the WAR must not hold. */
    static final Set<String> NOT_IN_THE_WAR = Set.of("DevPki", "AdminUserTool", "TraceVerifyTool", "InteropsTools");

    /** The folder of the WAR's compiled main classes ({@code target/classes}, {@code WEB-INF/classes} to be). */
    static Path mainClasses() {
        try {
            Path p = Path.of(SchemaMigrator.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isDirectory(p)) {
                throw new IllegalStateException("the WAR's main classes are not a folder: " + p);
            }
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a class file's simple name (nested classes included) is one of {@link #NOT_IN_THE_WAR}. */
    static boolean outOfTheWar(String fileName) {
        if (!fileName.endsWith(".class")) {
            return false;
        }
        String simple = fileName.substring(0, fileName.length() - ".class".length());
        int nested = simple.indexOf('$');
        return NOT_IN_THE_WAR.contains(nested < 0 ? simple : simple.substring(0, nested));
    }

    @Test
    void theWarsClassesHoldNoDevelopmentPkiAndNoOperatorTool() throws IOException {
        Path classes = mainClasses();
        assertTrue(
                Files.isRegularFile(classes.resolve("fr/interopsr/platform/SchemaMigrator.class")),
                "the walk looks at the WAR's classes: " + classes);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(Files::isRegularFile)
                    .map(classes::relativize)
                    .map(Path::toString)
                    .filter(f -> outOfTheWar(Path.of(f).getFileName().toString())
                            || f.startsWith("fr/interopsr/devpki/")
                            || f.startsWith("fr/interopsr/tools/"))
                    .forEach(found::add);
        }
        assertEquals(List.of(), found, "classes that belong to dev-pki/ or tools/, not to the WAR");
        assertTrue(outOfTheWar("DevPki$Ca.class") && !outOfTheWar("DevPkiLike.class"), "the name check works");
    }

    @Test
    void theDevelopmentPkiComesFromItsOwnModuleAndTheToolsAreNotOnTheWarsClasspath() throws Exception {
        Path from = Path.of(Class.forName("fr.interopsr.devpki.DevPki")
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertFalse(from.startsWith(mainClasses()), "DevPki from " + from);
        ClassLoader loader = getClass().getClassLoader();
        for (String old : List.of(
                "fr/interopsr/pki/DevPki.class",
                "fr/interopsr/admin/login/AdminUserTool.class",
                "fr/interopsr/trace/TraceVerifyTool.class")) {
            assertNull(loader.getResource(old), old + " is back on the WAR's classpath");
        }
    }

    @Test
    void theWarDependsOnTheDevelopmentPkiInTestScopeOnly() throws Exception {
        Path pom = Path.of("pom.xml").toAbsolutePath(); // tests run in the war module's folder
        NodeList dependencies = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(pom.toFile())
                .getElementsByTagName("dependency");
        int found = 0;
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (text(d, "artifactId").equals("interops-r-dev-pki")) {
                found++;
                assertEquals("test", text(d, "scope"), "the scope of interops-r-dev-pki in " + pom);
            }
        }
        assertEquals(1, found, "one dependency on interops-r-dev-pki in " + pom);
    }

    private static String text(Element e, String child) {
        NodeList n = e.getElementsByTagName(child);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }
}
