package fr.interopsr.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 §5 on the packaged archive (no server): {@code interops.war} holds neither the development PKI
 * ({@code DevPki}, its jar) nor the operator's tools ({@code AdminUserTool}, {@code TraceVerifyTool}, their jar).
 * {@code ToolingOutOfTheWarTest} checks the same on the compiled classes before packaging.
 */
class WarContentsIT {

    private static final Set<String> NOT_IN_THE_WAR =
            Set.of("DevPki", "AdminUserTool", "TraceVerifyTool", "InteropsTools");

    @Test
    void theShippedWarHoldsNoDevelopmentPkiAndNoOperatorTool() throws Exception {
        Path war = Path.of(System.getProperty("interops.build.dir", "target"), "interops.war");
        assertTrue(Files.isRegularFile(war), "packaged before the integration tests: " + war);
        try (ZipFile zip = new ZipFile(war.toFile())) {
            List<String> names = Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .toList();
            assertTrue(names.contains("WEB-INF/classes/fr/interopsr/platform/SchemaMigrator.class"), "a WAR: " + war);
            List<String> found = names.stream()
                    .filter(n -> NOT_IN_THE_WAR.stream()
                                    .anyMatch(c -> n.endsWith("/" + c + ".class") || n.contains("/" + c + "$"))
                            || n.startsWith("WEB-INF/lib/interops-r-")
                            || n.contains("/fr/interopsr/devpki/")
                            || n.contains("/fr/interopsr/tools/"))
                    .toList();
            assertEquals(List.of(), found, "in " + war);
        }
    }
}
