package fr.interopsr.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180: quoting only where needed, quotes doubled, CRLF between records; formula-like cells neutralised. */
class CsvTest {

    @Test
    void plainValuesAreNotQuoted() {
        assertEquals("", Csv.field(null));
        assertEquals("", Csv.field(""));
        assertEquals("abc", Csv.field("abc"));
        assertEquals(" spaced ", Csv.field(" spaced "));
        assertEquals("é…", Csv.field("é…"));
    }

    /** Issue 14, OWASP CSV injection: a formula-like cell gets a leading quote and is quoted. */
    @Test
    void formulaLikeCellsAreNeutralised() {
        assertEquals("\"'=cmd\"", Csv.field("=cmd"));
        assertEquals("\"'+1+2\"", Csv.field("+1+2"));
        assertEquals("\"'-2+3\"", Csv.field("-2+3"));
        assertEquals("\"'@SUM(A1)\"", Csv.field("@SUM(A1)"));
        assertEquals("\"'\tx\"", Csv.field("\tx"));
        assertEquals("\"'\rx\"", Csv.field("\rx"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Csv.field("=HYPERLINK(\"http://x\",\"y\")"));
        // only the first character counts; the rest is written as stored
        assertEquals("a=b", Csv.field("a=b"));
        assertEquals(" =cmd", Csv.field(" =cmd"));
        assertEquals("\"'=a,b\"", Csv.field("=a,b"));
        assertEquals(List.of("'=cmd", "'-1", "plain"), parse("\"'=cmd\",\"'-1\",plain\r\n"));
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("\"\"\"\"", Csv.field("\""));
        assertEquals("\"line1\nline2\"", Csv.field("line1\nline2"));
        assertEquals("\"cr\rhere\"", Csv.field("cr\rhere"));
        assertEquals("\"a\r\nb\"", Csv.field("a\r\nb"));
    }

    @Test
    void rowsEndWithCrlf() throws Exception {
        StringWriter w = new StringWriter();
        Csv.writeRow(w, List.of("id", "detail"));
        Csv.writeRow(w, Arrays.asList("1", "x, \"y\""));
        Csv.writeRow(w, Arrays.asList("", ""));
        assertEquals("id,detail\r\n1,\"x, \"\"y\"\"\"\r\n,\r\n", w.toString());
    }

    @Test
    void aQuotedRowReadsBackToItsFields() throws Exception {
        List<String> fields = List.of("1", "a,b", "q\"uote", "multi\r\nline", "", "plain");
        StringWriter w = new StringWriter();
        Csv.writeRow(w, fields);
        assertEquals(fields, parse(w.toString()));
    }

    /** A minimal RFC 4180 reader of one record, to check the writer against. */
    static List<String> parse(String record) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else if (c == '\r' && record.startsWith("\r\n", i) && i + 2 == record.length()) {
                break;
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
