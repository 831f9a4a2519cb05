package fr.interopsr.convention.document;

import fr.interopsr.json.StrictJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to the members of one object of a convention document, recording a
 * {@link Problem} for each unknown member, wrong JSON type or broken rule instead of stopping
 * (CONTRACT.md: "unknown fields are refused with a clear error naming them", "every problem
 * listed"; IR-20). {@code null} and an absent member mean the same: not given.
 */
final class MemberReader {

    private final JsonObject object;
    private final String path;
    private final List<Problem> problems;

    /** Reads {@code object} at {@code path}; every member not in {@code known} is reported at once. */
    MemberReader(JsonObject object, String path, List<Problem> problems, Set<String> known) {
        this.object = object;
        this.path = path;
        this.problems = problems;
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                problems.add(new Problem(
                        field(name),
                        "unknown field '" + name + "' is not part of "
                                + (path.isEmpty() ? "the convention document" : path)));
            }
        }
    }

    /** The path of a member of this object. */
    String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String element(String arrayField, int index) {
        return arrayField + "[" + index + "]";
    }

    void problem(String field, String message) {
        problems.add(new Problem(field, message));
    }

    /** True when the member is there and not null. */
    boolean given(String name) {
        JsonValue v = object.get(name);
        return v != null && v.getValueType() != JsonValue.ValueType.NULL;
    }

    private JsonValue value(String name, boolean required) {
        JsonValue v = object.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                problem(field(name), v == null ? "is required" : "is required and must not be null");
            }
            return null;
        }
        return v;
    }

    /** A string passing {@code rule} (message or null); empty when absent or wrong (then a problem is recorded). */
    Optional<String> string(String name, boolean required, Function<String, String> rule) {
        JsonValue v = value(name, required);
        if (v == null) {
            return Optional.empty();
        }
        return checkString(v, field(name), rule);
    }

    Optional<String> checkString(JsonValue v, String field, Function<String, String> rule) {
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            problem(field, "must be a string, not " + typeName(v));
            return Optional.empty();
        }
        String s = ((JsonString) v).getString();
        String message = rule.apply(s);
        if (message != null) {
            problem(field, quote(s) + " " + message);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** A boolean, {@code defaultValue} when absent or null. */
    boolean bool(String name, boolean defaultValue) {
        JsonValue v = value(name, false);
        if (v == null) {
            return defaultValue;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE) {
            return true;
        }
        if (v.getValueType() == JsonValue.ValueType.FALSE) {
            return false;
        }
        problem(field(name), "must be true or false, not " + typeName(v));
        return defaultValue;
    }

    /** A whole number in {@code [min, max]}; {@code defaultValue} (if not null) when absent. */
    OptionalInt integer(String name, Integer defaultValue, int min, int max, String why) {
        JsonValue v = value(name, defaultValue == null);
        if (v == null) {
            return defaultValue == null ? OptionalInt.empty() : OptionalInt.of(defaultValue);
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            problem(field(name), "must be an integer, not " + typeName(v));
            return OptionalInt.empty();
        }
        JsonNumber n = (JsonNumber) v;
        BigDecimal value = n.bigDecimalValue();
        if (!n.isIntegral() && value.stripTrailingZeros().scale() > 0) {
            problem(field(name), "must be a whole number, not " + shown(value));
            return OptionalInt.empty();
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(field(name), "is " + shown(value) + "; it must be between " + min + " and " + max + why);
            return OptionalInt.empty();
        }
        return OptionalInt.of(value.intValueExact());
    }

    /** True when the member is an empty array. */
    boolean isEmptyArray(String name) {
        return object.get(name) instanceof JsonArray a && a.isEmpty();
    }

    /** A nested object; empty when absent or wrong. */
    Optional<JsonObject> object(String name, boolean required) {
        JsonValue v = value(name, required);
        if (v == null) {
            return Optional.empty();
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            problem(field(name), "must be an object, not " + typeName(v));
            return Optional.empty();
        }
        return Optional.of(v.asJsonObject());
    }

    /** An array; empty when absent or wrong. */
    Optional<JsonArray> array(String name, boolean required) {
        JsonValue v = value(name, required);
        if (v == null) {
            return Optional.empty();
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            problem(field(name), "must be an array, not " + typeName(v));
            return Optional.empty();
        }
        return Optional.of(v.asJsonArray());
    }

    /**
     * An array of strings each passing {@code rule}, refusing repeated values; the valid elements
     * in order (a problem is recorded for each other one). Absent gives an empty list.
     */
    List<String> strings(String name, boolean required, Function<String, String> rule) {
        List<String> result = new ArrayList<>();
        Optional<JsonArray> array = array(name, required);
        if (array.isEmpty()) {
            return result;
        }
        String field = field(name);
        JsonArray a = array.get();
        for (int i = 0; i < a.size(); i++) {
            Optional<String> s = checkString(a.get(i), element(field, i), rule);
            if (s.isPresent()) {
                int first = result.indexOf(s.get());
                if (first >= 0) {
                    problem(element(field, i), quote(s.get()) + " is listed twice");
                } else {
                    result.add(s.get());
                }
            }
        }
        return result;
    }

    static String typeName(JsonValue v) {
        return StrictJson.typeName(v);
    }

    /** A value quoted for a message, shortened when long. */
    static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 77) + "..." : s;
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.append('\'').toString();
    }

    /** A number for a message, never expanded to thousands of digits. */
    static String shown(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        return Math.abs(s.scale()) <= 32 ? s.toPlainString() : s.toString();
    }
}
