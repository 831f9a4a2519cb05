package fr.interopsr.admin.console;

import fr.interopsr.admin.console.ConventionFields.Blank;
import fr.interopsr.admin.console.ConventionFields.Field;
import fr.interopsr.admin.console.ConventionFields.Group;
import fr.interopsr.admin.console.ConventionFields.Kind;
import fr.interopsr.convention.document.ConventionDocument;
import fr.interopsr.convention.document.ConventionDocumentReader;
import fr.interopsr.convention.document.ConventionReadResult;
import fr.interopsr.convention.document.Problem;
import fr.interopsr.json.Jsonp;
import fr.interopsr.json.StrictJson;
import fr.interopsr.json.StrictJsonResult;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values of the convention form (issue 18 §1, P-60), and the two ways between them and a convention document:
 * {@link #of(JsonObject)} fills the fields from a document, {@link #json()} writes the document the fields say, as
 * {@link ConventionDocument#toJson()} writes it (absent optional values as {@code null}, {@code certificateBoundVi}
 * only when true, {@code userAuthentication} and {@code introspectionCertificate} only when given), so that a
 * document read into the form and written back has the same canonical JSON. {@link #check()} has that document
 * read by the same {@link ConventionDocumentReader} that reads files and REST bodies, and places each problem at its
 * field (and row). Plain Java, immutable; never throws on what a browser sends.
 */
public final class ConventionForm {

    /** The parameter of a pending certificate upload's handle: {@code upload.<group key>}. */
    public static final String UPLOAD_PREFIX = "upload.";

    /** The longest value of one field kept (a PEM chain or a JWK Set is at most this long). */
    public static final int MAX_VALUE = 256 * 1024;

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,40}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,40}(\\.\\d{1,40})?([eE][+-]?\\d{1,4})?");
    private static final Pattern ROW = Pattern.compile("\\[(\\d{1,9})]");

    /** Field key to values: one for a scalar, the rows of a list. */
    private final Map<String, List<String>> values;
    /** Upload group key to the handle of its pending upload. */
    private final Map<String, String> uploads;

    private ConventionForm(Map<String, List<String>> values, Map<String, String> uploads) {
        this.values = Collections.unmodifiableMap(values);
        this.uploads = Collections.unmodifiableMap(uploads);
    }

    // ------------------------------------------------------------------ from a document, from a submission

    /** The fields of a document (as stored, or as typed in the JSON view); a member of the wrong type as its text. */
    public static ConventionForm of(JsonObject document) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Field f : ConventionFields.FIELDS) {
            JsonValue v = at(document, f.key());
            List<String> shown = new ArrayList<>();
            switch (f.kind()) {
                case LIST -> {
                    if (v != null && v.getValueType() == JsonValue.ValueType.ARRAY) {
                        v.asJsonArray().forEach(e -> shown.add(text(e)));
                    }
                }
                case CHECKBOX -> shown.add(v == JsonValue.TRUE ? "true" : "");
                case JSON -> shown.add(v == null || v == JsonValue.NULL ? "" : PrettyJson.write(v));
                default -> shown.add(v == null || v == JsonValue.NULL ? "" : text(v));
            }
            values.put(f.key(), shown);
        }
        return new ConventionForm(values, Map.of());
    }

    /**
     * The fields as a browser posted them: parameter {@code <key>} for each field (every row of a list, in order;
     * {@code true} for a ticked box), {@code upload.<group key>} for a pending upload's handle. Text areas come with
     * CRLF line ends (HTML): they are made LF again, as typed. Values longer than {@link #MAX_VALUE} are cut.
     */
    public static ConventionForm fromSubmission(Map<String, List<String>> parameters) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Field f : ConventionFields.FIELDS) {
            List<String> given = parameters.getOrDefault(f.key(), List.of());
            List<String> kept = new ArrayList<>();
            if (f.kind() == Kind.LIST) {
                given.stream().limit(ConventionFields.MAX_ROWS).forEach(s -> kept.add(clean(s)));
            } else if (f.kind() == Kind.CHECKBOX) {
                kept.add(given.contains("true") ? "true" : "");
            } else {
                kept.add(given.isEmpty() ? "" : clean(given.get(0)));
            }
            values.put(f.key(), kept);
        }
        Map<String, String> uploads = new LinkedHashMap<>();
        for (Group g : ConventionFields.uploadGroups()) {
            List<String> handle = parameters.getOrDefault(UPLOAD_PREFIX + g.key(), List.of());
            if (!handle.isEmpty() && PendingUploads.isHandle(handle.get(0))) {
                uploads.put(g.key(), handle.get(0));
            }
        }
        return new ConventionForm(values, uploads);
    }

    private static String clean(String s) {
        String text = s == null ? "" : s.replace("\r\n", "\n");
        return text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) : text;
    }

    // ------------------------------------------------------------------ reading the values

    /** The value of a scalar field ({@code ""} when blank). */
    public String value(String key) {
        List<String> v = values.getOrDefault(key, List.of());
        return v.isEmpty() ? "" : v.get(0);
    }

    /** The rows of a list field. */
    public List<String> rows(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** Whether a check box is ticked. */
    public boolean checked(String key) {
        return "true".equals(value(key));
    }

    /** The handle of the group's pending upload. */
    public Optional<String> upload(String groupKey) {
        return Optional.ofNullable(uploads.get(groupKey));
    }

    /** Every pending upload: group key to handle. */
    public Map<String, String> uploads() {
        return uploads;
    }

    // ------------------------------------------------------------------ changes

    /** The same form with one scalar field set. */
    public ConventionForm with(String key, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.put(key, List.of(value == null ? "" : value));
        return new ConventionForm(copy, uploads);
    }

    /** The same form with a pending upload for a group. */
    public ConventionForm withUpload(String groupKey, String handle) {
        Map<String, String> copy = new LinkedHashMap<>(uploads);
        copy.put(groupKey, handle);
        return new ConventionForm(values, copy);
    }

    /** One more, empty, row at the end of a list (at most {@link ConventionFields#MAX_ROWS}); else the same form. */
    public ConventionForm withRowAdded(String key) {
        if (!isList(key) || rows(key).size() >= ConventionFields.MAX_ROWS) {
            return this;
        }
        List<String> rows = new ArrayList<>(rows(key));
        rows.add("");
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.put(key, rows);
        return new ConventionForm(copy, uploads);
    }

    /** The list without one row; the same form when there is no such row. */
    public ConventionForm withRowRemoved(String key, int row) {
        if (!isList(key) || row < 0 || row >= rows(key).size()) {
            return this;
        }
        List<String> rows = new ArrayList<>(rows(key));
        rows.remove(row);
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        copy.put(key, rows);
        return new ConventionForm(copy, uploads);
    }

    private static boolean isList(String key) {
        return ConventionFields.field(key).map(f -> f.kind() == Kind.LIST).orElse(false);
    }

    // ------------------------------------------------------------------ to a document

    /**
     * The document the fields say, the problems found while writing it (a lifetime that is not a number, a JWK Set
     * that is not JSON: their member is left out and the problem is the form's), and, for each list, the row of each
     * element of its JSON array (blank rows are not written).
     */
    public record Built(JsonObject json, List<Problem> problems, Map<String, List<Integer>> rows) {
        public Built {
            problems = List.copyOf(problems);
            rows = Map.copyOf(rows);
        }
    }

    /** Writes the document; never throws. */
    public Built json() {
        List<Problem> problems = new ArrayList<>();
        Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();
        Map<String, Object> root = new LinkedHashMap<>();
        for (Group g : ConventionFields.GROUPS) {
            write(g, root, problems, rowsOf);
        }
        return new Built(build(root), problems, rowsOf);
    }

    private void write(Group g, Map<String, Object> root, List<Problem> problems, Map<String, List<Integer>> rowsOf) {
        if (g.object() != null) {
            if (g.optional() && !given(g)) {
                if (g.absent() == Blank.NULL) {
                    put(root, g.object(), JsonValue.NULL);
                }
                return;
            }
            put(root, g.object(), new LinkedHashMap<String, Object>());
        }
        for (Field f : g.fields()) {
            writeField(f, root, problems, rowsOf);
        }
        for (Group s : g.subgroups()) {
            write(s, root, problems, rowsOf);
        }
    }

    /** Whether one field of the group (or of its subgroups) is given. */
    private boolean given(Group g) {
        for (Field f : g.fields()) {
            boolean given =
                    switch (f.kind()) {
                        case LIST -> rows(f.key()).stream().anyMatch(r -> !r.isBlank());
                        case CHECKBOX -> checked(f.key());
                        default -> !value(f.key()).isBlank();
                    };
            if (given) {
                return true;
            }
        }
        return g.subgroups().stream().anyMatch(this::given);
    }

    private void writeField(
            Field f, Map<String, Object> root, List<Problem> problems, Map<String, List<Integer>> rowsOf) {
        String key = f.key();
        switch (f.kind()) {
            case LIST -> {
                JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
                List<Integer> rowOfElement = new ArrayList<>();
                List<String> rows = rows(key);
                for (int i = 0; i < rows.size(); i++) {
                    if (!rows.get(i).isBlank()) {
                        array.add(rows.get(i));
                        rowOfElement.add(i);
                    }
                }
                rowsOf.put(key, rowOfElement);
                put(root, key, array.build());
            }
            case CHECKBOX -> {
                if (checked(key)) {
                    put(root, key, JsonValue.TRUE);
                } else if (f.blank() == Blank.FALSE) {
                    put(root, key, JsonValue.FALSE);
                }
            }
            default -> {
                String v = value(key);
                if (v.isBlank()) {
                    blank(f, root);
                    return;
                }
                switch (f.kind()) {
                    case NUMBER ->
                        number(v.strip())
                                .ifPresentOrElse(
                                        n -> put(root, key, n),
                                        () -> problems.add(new Problem(
                                                key, quote(v.strip()) + " is not a whole number: type digits only")));
                    case JSON -> {
                        StrictJsonResult<JsonValue> parsed =
                                StrictJson.parseValue(v.getBytes(StandardCharsets.UTF_8), MAX_VALUE);
                        if (parsed.isSuccess()) {
                            put(root, key, parsed.value().orElseThrow());
                        } else {
                            problems.add(new Problem(key, "is not valid JSON: " + parsed.detail()));
                        }
                    }
                    default -> put(root, key, Jsonp.PROVIDER.createValue(v));
                }
            }
        }
    }

    private static void blank(Field f, Map<String, Object> root) {
        switch (f.blank()) {
            case NULL -> put(root, f.key(), JsonValue.NULL);
            case EMPTY_OBJECT -> put(root, f.key(), JsonValue.EMPTY_JSON_OBJECT);
            case FALSE -> put(root, f.key(), JsonValue.FALSE);
            case OMIT -> {}
        }
    }

    /** A number as JSON when the text is one (whole or not: the reader says what is wrong with a decimal). */
    static Optional<JsonValue> number(String text) {
        if (WHOLE.matcher(text).matches()) {
            return Optional.of(Jsonp.PROVIDER.createValue(new BigInteger(text)));
        }
        if (DECIMAL.matcher(text).matches()) {
            return Optional.of(Jsonp.PROVIDER.createValue(new BigDecimal(text)));
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] names = path.split("\\.");
        Map<String, Object> at = root;
        for (int i = 0; i < names.length - 1; i++) {
            Object next = at.get(names[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(names[i], next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(names[names.length - 1], value);
    }

    @SuppressWarnings("unchecked")
    private static JsonObject build(Map<String, Object> tree) {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder();
        tree.forEach((name, value) -> {
            if (value instanceof Map<?, ?> m) {
                b.add(name, build((Map<String, Object>) m));
            } else {
                b.add(name, (JsonValue) value);
            }
        });
        return b.build();
    }

    // ------------------------------------------------------------------ checking

    /** A problem and where the form shows it: a field or group key ({@code null}: the summary only), and a row. */
    public record Placed(String key, int row, Problem problem) {}

    /** What the check found: the document when valid, the JSON that was read, and every problem placed. */
    public record Checked(Optional<ConventionDocument> document, JsonObject json, List<Placed> problems) {
        public Checked {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return document.isPresent() && problems.isEmpty();
        }

        /** The problems shown at a field or group ({@code row} -1: not at a row). */
        public List<Placed> at(String key, int row) {
            return problems.stream()
                    .filter(p -> key.equals(p.key()) && p.row() == row)
                    .toList();
        }

        /** Every problem of a field, whatever its row. */
        public List<Placed> anywhere(String key) {
            return problems.stream().filter(p -> key.equals(p.key())).toList();
        }
    }

    /**
     * Writes the document and has {@link ConventionDocumentReader} read it: the form's own problems first, then the
     * reader's (without those about a member the form already found wrong), each placed at its field.
     */
    public Checked check() {
        Built built = json();
        ConventionReadResult read = ConventionDocumentReader.read(built.json());
        List<Problem> all = new ArrayList<>(built.problems());
        for (Problem p : read.problems()) {
            if (built.problems().stream().noneMatch(f -> within(p.field(), f.field()))) {
                all.add(p);
            }
        }
        List<Placed> placed =
                new ArrayList<>(all.stream().map(p -> place(p, built.rows())).toList());
        placed.sort(IN_PAGE_ORDER);
        return new Checked(all.isEmpty() ? read.document() : Optional.empty(), built.json(), placed);
    }

    /** The order of the page: the document's problems first, then group by group, field by field, row by row. */
    static final java.util.Comparator<Placed> IN_PAGE_ORDER = java.util.Comparator.comparingInt(
                    (Placed p) -> PageOrder.KEYS.indexOf(p.key()))
            .thenComparingInt(Placed::row);

    /** Keys in the order of the page ({@code null}, the document, first). */
    private static final class PageOrder {
        static final List<String> KEYS = pageKeys();
    }

    private static List<String> pageKeys() {
        List<String> keys = new ArrayList<>();
        keys.add(null);
        for (Group g : ConventionFields.GROUPS) {
            keys.add(g.key());
            g.fields().forEach(f -> keys.add(f.key()));
            for (Group s : g.subgroups()) {
                keys.add(s.key());
                s.fields().forEach(f -> keys.add(f.key()));
            }
        }
        return java.util.Collections.unmodifiableList(keys);
    }

    /** The same check, with problems found elsewhere (the service refusing the save) placed the same way. */
    public static List<Placed> place(List<Problem> problems, Built built) {
        return problems.stream().map(p -> place(p, built.rows())).toList();
    }

    /**
     * Where a problem of the reader goes: the field or group whose key is the longest prefix of its path
     * ({@code identityProvider.jwks.keys[0].kty} to {@code identityProvider.jwks}), at the row of an array element
     * ({@code scopes[2]} to the row that element came from); the summary only for the document as a whole.
     */
    public static Placed place(Problem p, Map<String, List<Integer>> rowsOf) {
        String path = p.field();
        String best = null;
        for (Field f : ConventionFields.FIELDS) {
            if (within(path, f.key()) && (best == null || f.key().length() > best.length())) {
                best = f.key();
            }
        }
        if (best == null) {
            for (Group g : ConventionFields.allGroups()) {
                if (g.object() != null
                        && within(path, g.object())
                        && (best == null || g.key().length() > best.length())) {
                    best = g.key();
                }
            }
        }
        if (best == null) {
            return new Placed(null, -1, p);
        }
        int row = -1;
        List<Integer> rows = rowsOf.get(best);
        if (rows != null) {
            Matcher m = ROW.matcher(path.substring(best.length()));
            if (m.lookingAt()) {
                int element = Integer.parseInt(m.group(1));
                row = element < rows.size() ? rows.get(element) : -1;
            }
        }
        return new Placed(best, row, p);
    }

    /** Whether {@code path} is {@code key} or a member or element below it. */
    static boolean within(String path, String key) {
        return path.equals(key) || path.startsWith(key + ".") || path.startsWith(key + "[");
    }

    // ------------------------------------------------------------------ what the form cannot show

    /**
     * The members of a document that no field holds (unknown members, or members of a term that is not an object):
     * the form would drop them, so the JSON view does not switch to the form while there are any.
     */
    public static List<String> unknownMembers(JsonObject document) {
        List<String> unknown = new ArrayList<>();
        Set<String> rootKnown = new java.util.HashSet<>();
        ConventionFields.FIELDS.stream().filter(f -> !f.key().contains(".")).forEach(f -> rootKnown.add(f.key()));
        ConventionFields.GROUPS.stream().filter(g -> g.object() != null).forEach(g -> rootKnown.add(g.object()));
        for (String name : document.keySet()) {
            if (!rootKnown.contains(name)) {
                unknown.add(name);
            }
        }
        for (Group g : ConventionFields.allGroups()) {
            if (g.object() == null) {
                continue;
            }
            JsonValue v = at(document, g.object());
            if (v == null || v == JsonValue.NULL) {
                continue;
            }
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                unknown.add(g.object());
                continue;
            }
            Set<String> known = new java.util.HashSet<>();
            g.fields().forEach(f -> known.add(f.member()));
            g.subgroups().forEach(s -> known.add(s.object().substring(g.object().length() + 1)));
            for (String name : v.asJsonObject().keySet()) {
                if (!known.contains(name)) {
                    unknown.add(g.object() + "." + name);
                }
            }
        }
        return unknown;
    }

    // ------------------------------------------------------------------ helpers

    /** The value at a dotted path of objects; null when a step is missing or not an object. */
    static JsonValue at(JsonObject document, String path) {
        JsonValue at = document;
        for (String name : path.split("\\.")) {
            if (at == null || at.getValueType() != JsonValue.ValueType.OBJECT) {
                return null;
            }
            at = at.asJsonObject().get(name);
        }
        return at;
    }

    /** A value as the text of its field: a string as it is, anything else as its JSON. */
    private static String text(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return v.toString();
    }

    static String quote(String s) {
        return "'" + (s.length() > 80 ? s.substring(0, 77) + "..." : s) + "'";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConventionForm that && values.equals(that.values) && uploads.equals(that.uploads);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + uploads.hashCode();
    }
}
