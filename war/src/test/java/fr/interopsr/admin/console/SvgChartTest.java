package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 18 §2: the dashboard's SVG. Text escaped, an empty chart still drawn, the scale in round figures. */
class SvgChartTest {

    @Test
    void theScaleIsTheNextRoundFigure() {
        assertEquals(1, SvgChart.niceMax(0));
        assertEquals(1, SvgChart.niceMax(1));
        assertEquals(2, SvgChart.niceMax(2));
        assertEquals(5, SvgChart.niceMax(3));
        assertEquals(10, SvgChart.niceMax(6));
        assertEquals(20, SvgChart.niceMax(11));
        assertEquals(500, SvgChart.niceMax(401));
        assertEquals(1_000_000, SvgChart.niceMax(999_999));
        assertTrue(SvgChart.niceMax(Long.MAX_VALUE - 1) >= Long.MAX_VALUE - 1);
    }

    @Test
    void titlesLabelsAndNamesAreEscaped() {
        String svg = SvgChart.lines(
                        "c1",
                        "<script>alert(1)</script>",
                        "a \"quoted\" & 'odd' <desc>",
                        List.of("<x>", "y", "z"),
                        List.of(new SvgChart.Line("</text><script>", "#000", null, new long[] {1, 2, 3})),
                        "n<")
                .toString();
        assertFalse(svg.contains("<script>"), svg);
        assertTrue(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), svg);
        assertTrue(svg.contains("a &quot;quoted&quot; &amp; &#39;odd&#39; &lt;desc&gt;"), svg);
        assertTrue(svg.contains("&lt;x&gt;"), svg);
        assertTrue(svg.contains("&lt;/text&gt;&lt;script&gt;"), svg);
        assertTrue(svg.contains("role=\"img\""));
        assertTrue(svg.contains("aria-labelledby=\"c1-title c1-desc\""));
        assertTrue(svg.contains("<title id=\"c1-title\">"));
        assertTrue(svg.contains("<desc id=\"c1-desc\">"));
    }

    @Test
    void anEmptyChartHasItsAxisAndNoLine() {
        String svg = SvgChart.lines(
                        "e",
                        "Empty",
                        "nothing",
                        List.of(),
                        List.of(new SvgChart.Line("a", "#000", null, new long[0])),
                        null)
                .toString();
        assertTrue(svg.startsWith("<svg"), svg);
        assertTrue(svg.endsWith("</svg>"), svg);
        assertFalse(svg.contains("polyline"), svg);
        assertTrue(svg.contains(">0</text>") && svg.contains(">1</text>"), "the axis reads 0 to 1: " + svg);
        String zeros = SvgChart.lines(
                        "z",
                        "Zeros",
                        "nothing",
                        List.of("a", "b"),
                        List.of(new SvgChart.Line("a", "#000", null, new long[2])),
                        null)
                .toString();
        assertTrue(zeros.contains("points=\"56,180 708,180\""), "flat on the axis: " + zeros);
    }

    @Test
    void pointsAreScaledToTheRoundMaximum() {
        // 3 points, max 4 -> axis 5; plot 652 wide (56..708), 152 high (28..180)
        String svg = SvgChart.lines(
                        "s",
                        "S",
                        "d",
                        List.of("a", "b", "c"),
                        List.of(new SvgChart.Line("l", "#000", "6 3", new long[] {0, 4, 5})),
                        null)
                .toString();
        assertTrue(svg.contains("points=\"56,180 382,58.4 708,28\""), svg);
        assertTrue(svg.contains(">5</text>"), svg);
        assertTrue(svg.contains("stroke-dasharray=\"6 3\""), svg);
        assertTrue(svg.contains(">a</text>") && svg.contains(">b</text>") && svg.contains(">c</text>"), svg);
    }

    @Test
    void aBarIsDecorationAndStaysWithinItsBox() {
        String bar = SvgChart.bar(50, 100, "#f00").toString();
        assertTrue(bar.contains("aria-hidden=\"true\""), bar);
        assertTrue(bar.contains("width=\"100\""), bar);
        assertTrue(SvgChart.bar(500, 100, "#f00").toString().contains("width=\"200\""));
        assertTrue(SvgChart.bar(1, 0, "#f00").toString().contains("width=\"200\""));
        assertTrue(SvgChart.bar(0, 0, "#f00").toString().contains("width=\"0\""));
    }
}
