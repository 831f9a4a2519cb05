package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals(
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
                Html.escape("<script>alert(\"x\")</script> & 'y'"));
    }

    @Test
    void leavesOtherTextAsItIsAndNullEmpty() {
        String plain = "Convention démo — 1.0 ✓";
        assertSame(plain, Html.escape(plain));
        assertEquals("", Html.escape(null));
        assertEquals("", Html.escape(""));
    }

    @Test
    void escapesAnAlreadyEscapedTextAgain() {
        assertEquals("&amp;lt;", Html.escape("&lt;"));
    }

    @Test
    void builderEscapesTextAndAttributeValues() {
        String html = new Html()
                .open("a", "href", "/x?a=1&b=\"2\"", "title", "it's")
                .text("<b>")
                .close("a")
                .toString();
        assertEquals("<a href=\"/x?a=1&amp;b=&quot;2&quot;\" title=\"it&#39;s\">&lt;b&gt;</a>", html);
    }

    @Test
    void builderLeavesOutNullAttributesAndWritesBooleanOnes() {
        assertEquals(
                "<input type=\"checkbox\" checked>",
                new Html()
                        .empty("input", "type", "checkbox", "checked", "", "id", null)
                        .toString());
    }

    @Test
    void attributesComeInPairs() {
        assertThrows(IllegalArgumentException.class, () -> new Html().open("a", "href"));
    }
}
