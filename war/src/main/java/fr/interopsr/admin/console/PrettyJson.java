package fr.interopsr.admin.console;

import fr.interopsr.json.CanonicalJson;
import fr.interopsr.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON of a document (members sorted by name, numbers and strings as
 * {@link CanonicalJson} writes them), laid out one member or element per line with two-space
 * indents: what the editor shows and what the history diff compares, line by line.
 */
public final class PrettyJson {

    private static final JsonProvider JSON = Jsonp.PROVIDER;

    private PrettyJson() {}

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        append(out, value, 0);
        return out.toString();
    }

    /** Parses JSON text (as stored) and writes it pretty. */
    public static String of(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return write(reader.readValue());
        }
    }

    private static void append(StringBuilder out, JsonValue value, int depth) {
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject object = (JsonObject) value;
                if (object.isEmpty()) {
                    out.append("{}");
                    return;
                }
                List<Map.Entry<String, JsonValue>> members = new ArrayList<>(object.entrySet());
                members.sort(Map.Entry.comparingByKey());
                out.append("{\n");
                for (int k = 0; k < members.size(); k++) {
                    indent(out, depth + 1);
                    out.append(CanonicalJson.write(
                                    JSON.createValue(members.get(k).getKey())))
                            .append(": ");
                    append(out, members.get(k).getValue(), depth + 1);
                    out.append(k + 1 < members.size() ? ",\n" : "\n");
                }
                indent(out, depth);
                out.append('}');
            }
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                if (array.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                for (int k = 0; k < array.size(); k++) {
                    indent(out, depth + 1);
                    append(out, array.get(k), depth + 1);
                    out.append(k + 1 < array.size() ? ",\n" : "\n");
                }
                indent(out, depth);
                out.append(']');
            }
            default -> out.append(CanonicalJson.write(value));
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }
}
