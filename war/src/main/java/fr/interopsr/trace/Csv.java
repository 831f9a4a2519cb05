package fr.interopsr.trace;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF; a field holding a comma, a
 * double quote, CR or LF is enclosed in double quotes, its double quotes doubled. Values are
 * written as they are stored, never altered.
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

    /** One field, quoted when RFC 4180 requires it. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
