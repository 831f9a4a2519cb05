package fr.interopsr.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tests of {@link QueryString}: the one reader of a query string, on good and bad input. */
class QueryStringTest {

    @Test
    void emptyQueries() {
        for (String q : new String[] {null, "", "&", "&&&"}) {
            QueryString s = QueryString.parse(q);
            assertFalse(s.has("a"), String.valueOf(q));
            assertEquals(Optional.empty(), s.first("a"));
            assertEquals(List.of(), s.all("a"));
            assertEquals("", s.without("a"));
        }
    }

    @Test
    void namesAndValues() {
        QueryString s = QueryString.parse("a=1&b=&c&&d=x=y");
        assertEquals(Optional.of("1"), s.first("a"));
        assertEquals(Optional.of(""), s.first("b"));
        assertEquals(Optional.of(""), s.first("c"), "no '=' is an empty value");
        assertEquals(Optional.of("x=y"), s.first("d"), "split at the first '='");
        assertFalse(s.has("e"));
        assertFalse(s.has("A"), "names are case-sensitive");
    }

    @Test
    void plusIsASpaceAndPercentEscapesAreUtf8() {
        QueryString s = QueryString.parse("q=a+b%20c&fr=%C3%A9t%C3%A9&plus=%2B&my+name=1&%61ccess_token=x");
        assertEquals(Optional.of("a b c"), s.first("q"));
        assertEquals(Optional.of("été"), s.first("fr"));
        assertEquals(Optional.of("+"), s.first("plus"));
        assertEquals(Optional.of("1"), s.first("my name"));
        assertTrue(s.has("access_token"), "names are decoded too");
    }

    @Test
    void repeatedNamesKeepEveryValueAndFirstIsTheFirst() {
        QueryString s = QueryString.parse("lang=fr&x=1&lang=en&lang=%zz");
        assertEquals(Optional.of("fr"), s.first("lang"));
        assertEquals(List.of("fr", "en"), s.all("lang"), "the malformed one has no value");
    }

    @Test
    void badPercentEncodingHasNoValueButTheNameStillCounts() {
        for (String bad : new String[] {"%zz", "%", "%4", "a%", "%C3%28", "%FF", "%C3"}) {
            QueryString s = QueryString.parse("k=" + bad);
            assertTrue(s.has("k"), bad);
            assertEquals(Optional.empty(), s.first("k"), bad);
            assertEquals(List.of(), s.all("k"), bad);
        }
        QueryString first = QueryString.parse("k=%zz&k=ok");
        assertEquals(Optional.empty(), first.first("k"), "the first occurrence answers, even malformed");
        assertEquals(List.of("ok"), first.all("k"));
    }

    @Test
    void aMalformedNameCountsAsWritten() {
        QueryString s = QueryString.parse("access_token%zz=x&access_token=%G0");
        assertTrue(s.has("access_token%zz"));
        assertTrue(s.has("access_token"));
        assertEquals(Optional.empty(), s.first("access_token%zz"), "a malformed pair has no value");
    }

    @Test
    void withoutKeepsTheRestAsWritten() {
        assertEquals("?a=1&b=%20", QueryString.parse("lang=fr&a=1&&lang&b=%20").without("lang"));
        assertEquals("", QueryString.parse("lang=fr").without("lang"));
        assertEquals("?x=%zz", QueryString.parse("x=%zz&l%61ng=en").without("lang"));
        assertEquals("?langue=fr", QueryString.parse("langue=fr").without("lang"));
    }
}
