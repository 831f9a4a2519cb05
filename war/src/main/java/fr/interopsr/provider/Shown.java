package fr.interopsr.provider;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;

/**
 * Untrusted values as they may appear in a trace detail (IR-19, D-12): quoted, at most 80 characters, controls and
 * non-ASCII escaped, so that a VI cannot forge or flood a trace line.
 */
final class Shown {

    private static final int MAX = 80;

    private Shown() {}

    static String text(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < MAX; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        if (s.length() > MAX) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.append('"').toString();
    }

    static String json(JsonValue v) {
        if (v == null) {
            return "absent";
        }
        if (v instanceof JsonString s) {
            return text(s.getString());
        }
        String t = text(v.toString());
        return t.substring(1, t.length() - 1);
    }

    /** A number of the VI, cut at 40 characters (a VI may carry a number of any length). */
    static String number(BigDecimal n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
