package fr.interopsr.admin;

import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionStatus;
import fr.interopsr.convention.document.Problem;
import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonResult;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of an import: a JSON array of convention documents (as the export writes it), each
 * read with every problem listed under its index in the array; an id given twice is a problem
 * too. The import writes nothing unless the whole batch is valid (all-or-nothing).
 */
public final class ImportBatch {

    /** Largest import accepted, in bytes. */
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    /** One valid document and its index in the array. */
    public record Entry(int index, ConventionDocument document) {}

    private final List<Entry> entries;
    private final List<AdminProblem> problems;

    private ImportBatch(List<Entry> entries, List<AdminProblem> problems) {
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
    }

    /** Reads the bytes of an import body; never throws. */
    public static ImportBatch read(byte[] body) {
        StrictJsonResult<JsonValue> parsed = StrictJson.parseValue(body, MAX_BYTES);
        if (!parsed.isSuccess()) {
            return new ImportBatch(
                    List.of(),
                    List.of(new AdminProblem(
                            null,
                            Problem.DOCUMENT,
                            "the import is not a valid JSON array of convention documents: " + parsed.describe())));
        }
        if (!(parsed.value().orElseThrow() instanceof JsonArray array)) {
            return new ImportBatch(
                    List.of(),
                    List.of(new AdminProblem(
                            null,
                            Problem.DOCUMENT,
                            "the import must be a JSON array of convention documents, not "
                                    + StrictJson.typeName(parsed.value().get()))));
        }
        List<Entry> entries = new ArrayList<>();
        List<AdminProblem> problems = new ArrayList<>();
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonValue value = array.get(i);
            if (!(value instanceof JsonObject object)) {
                problems.add(new AdminProblem(
                        i,
                        Problem.DOCUMENT,
                        "must be a convention document (a JSON object), not " + StrictJson.typeName(value)));
                continue;
            }
            var read = ConventionDocumentReader.read(object);
            if (!read.isValid()) {
                for (Problem p : read.problems()) {
                    problems.add(AdminProblem.of(p).at(i));
                }
                continue;
            }
            ConventionDocument document = read.document().orElseThrow();
            Integer first = firstIndexOfId.putIfAbsent(document.id(), i);
            if (first != null) {
                problems.add(new AdminProblem(
                        i,
                        "id",
                        "convention " + document.id() + " is already given at index " + first
                                + "; an import names each convention once"));
                continue;
            }
            entries.add(new Entry(i, document));
        }
        return new ImportBatch(entries, problems);
    }

    /** The valid documents, in array order. */
    public List<Entry> entries() {
        return entries;
    }

    /** Every problem found, in array order. */
    public List<AdminProblem> problems() {
        return problems;
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /**
     * The order to save in: documents that are not active first, so that a convention the import
     * suspends or retires no longer holds its (iss, aud, azp, ver) when another one becomes active (D-14).
     */
    public List<Entry> savingOrder() {
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing(e -> e.document().status() == ConventionStatus.ACTIVE));
        return ordered;
    }
}
