package fr.interopsr.trace;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF; a field holding a comma, a
 * double quote, CR or LF is enclosed in double quotes, its double quotes doubled.
 * <p>
 * One alteration (issue 14, OWASP "CSV Injection"): a field that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a CR, which a spreadsheet would take for a formula, is written with a
 * single quote in front and enclosed in double quotes ({@code =cmd} becomes {@code "'=cmd"}). Every
 * other value is written as it is stored. The JSON Lines export is never altered.
 */
public final class Csv {

    private Csv() {}

    public static void writeRow(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    /** One field: neutralised when a spreadsheet would read it as a formula, quoted when RFC 4180 requires it. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (formulaLike(value.charAt(0))) {
            return "\"'" + value.replace("\"", "\"\"") + '"';
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** The first characters OWASP's CSV-injection guidance names. */
    static boolean formulaLike(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
