package fr.interopsr.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.nimbusds.jose.jwk.JWKSet;
import fr.interopsr.convention.ConventionRegistry.ConventionIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The validator runs one {@link Step} per {@link ValidationStep}, in the enum's order, and the table "Validation
 * steps" of {@code docs/architecture.md} has one row per value, in that order, linking the class that implements it.
 */
class ValidationStepsDocTest {

    /** The war module's tests run in {@code war/}; the page is in the repository's {@code docs/}. */
    private static final Path DOC = Path.of("../docs/architecture.md");

    /** A table row whose second column is a {@code ValidationStep} name in backquotes. */
    private static final Pattern ROW = Pattern.compile("^\\|[^|]*\\|\\s*`([A-Z_]+)`\\s*\\|(.*)$");

    /** A markdown link's target. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)]+)\\)");

    private final List<Step> steps = new ViValidator(
                    () -> ConventionIndex.of(List.of(), 1),
                    null,
                    now -> new JWKSet(),
                    Set.of(),
                    ViValidator.DEFAULT_MAX_VI_BYTES,
                    ReplayGuard.NONE)
            .steps();

    private record Row(String step, String link) {}

    private static List<Row> table() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("## Validation steps");
        assertTrue(start >= 0, "docs/architecture.md has no section ## Validation steps");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                // the class column is the last: its link is the row's last
                Matcher link = LINK.matcher(m.group(2));
                String target = null;
                while (link.find()) {
                    target = link.group(1);
                }
                rows.add(new Row(m.group(1), target));
            }
        }
        return rows;
    }

    @Test
    void theValidatorRunsOneStepPerValidationStepInTheEnumsOrder() {
        assertEquals(
                List.of(ValidationStep.values()), steps.stream().map(Step::step).toList());
    }

    @Test
    void everyValidationStepHasARowInOrder() throws IOException {
        List<String> documented = table().stream().map(Row::step).toList();
        for (ValidationStep step : ValidationStep.values()) {
            if (!documented.contains(step.name())) {
                fail("docs/architecture.md, Validation steps: no row for " + step);
            }
        }
        assertEquals(
                List.of(ValidationStep.values()).stream().map(Enum::name).toList(),
                documented,
                "one row per ValidationStep, in order");
    }

    @Test
    void everyRowLinksAnExistingFileThatImplementsItsStep() throws IOException {
        List<Row> rows = table();
        for (Row row : rows) {
            assertTrue(row.link() != null, () -> row.step() + ": the row links no class");
            Path target = DOC.getParent().resolve(row.link()).normalize();
            assertTrue(
                    Files.isRegularFile(target), () -> row.step() + ": " + row.link() + " does not resolve to a file");
            Step step = steps.get(ValidationStep.valueOf(row.step()).ordinal());
            assertEquals(
                    step.getClass().getSimpleName() + ".java",
                    target.getFileName().toString(),
                    () -> row.step() + " is implemented by " + step.getClass().getSimpleName());
        }
    }
}
