package fr.interopsr.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The canonical text of a JSON value, stable for hashing: compact (no whitespace), object
 * members sorted by name (UTF-16 code unit order, as {@link String#compareTo}) at every depth,
 * strings with only the mandatory escapes ({@code \"}, {@code \\}, {@code \b \f \n \r \t},
 * other controls and unpaired surrogates as lower-case <code>&#92;u00xx</code>), numbers written from their
 * value (trailing zeros dropped: {@code 1.0} and {@code 1} are both {@code 1}; plain notation
 * unless the exponent is beyond ±32, then {@code 1E+40} style).
 * Used for the content hash of convention documents (IR-20, D-14, D-15).
 */
public final class CanonicalJson {

    private static final int PLAIN_SCALE_LIMIT = 32;

    private CanonicalJson() {}

    /** The canonical text of {@code value}. */
    public static String write(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    /** The canonical text as UTF-8 bytes. */
    public static byte[] bytes(JsonValue value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Lower-case hex SHA-256 of the canonical UTF-8 bytes. */
    public static String sha256Hex(JsonValue value) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(bytes(value)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void append(StringBuilder sb, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> appendObject(sb, (JsonObject) value);
            case ARRAY -> appendArray(sb, (JsonArray) value);
            case STRING -> appendString(sb, ((JsonString) value).getString());
            case NUMBER -> sb.append(number(((JsonNumber) value).bigDecimalValue()));
            case TRUE -> sb.append("true");
            case FALSE -> sb.append("false");
            case NULL -> sb.append("null");
        }
    }

    private static void appendObject(StringBuilder sb, JsonObject object) {
        List<Map.Entry<String, JsonValue>> members = new ArrayList<>(object.entrySet());
        members.sort(Map.Entry.comparingByKey());
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> member : members) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendString(sb, member.getKey());
            sb.append(':');
            append(sb, member.getValue());
        }
        sb.append('}');
    }

    private static void appendArray(StringBuilder sb, JsonArray array) {
        sb.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            append(sb, array.get(i));
        }
        sb.append(']');
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escape(sb, c);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        escape(sb, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void escape(StringBuilder sb, char c) {
        sb.append("\\u").append(HexFormat.of().toHexDigits(c));
    }

    /** One text per numeric value, whatever its scale. */
    static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int scale = stripped.scale();
        if (scale >= -PLAIN_SCALE_LIMIT && scale <= PLAIN_SCALE_LIMIT) {
            return stripped.toPlainString();
        }
        return stripped.toString();
    }
}
