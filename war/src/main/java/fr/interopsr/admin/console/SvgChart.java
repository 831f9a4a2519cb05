package fr.interopsr.admin.console;

import java.util.List;
import java.util.Locale;

/**
 * The dashboard's charts as SVG written on the server (issue 18 §2): no script, no external asset (the console's
 * CSP), every piece of text escaped by {@link Html}. A chart is an image to screen readers ({@code role="img"},
 * named by its {@code <title>} and described by its {@code <desc>}, which holds the figures in words); the page puts
 * the full figures in a table beside it. Plain Java, unit-tested without a container.
 */
public final class SvgChart {

    /** One line of a time chart: its name (in the legend), its colour (never the only cue: see the legend), values. */
    public record Line(String name, String colour, String dash, long[] values) {}

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 28;
    static final int BOTTOM = 40;

    private SvgChart() {}

    /**
     * The smallest of 1, 2, 5 × 10ⁿ that is at least {@code max}, so that the axis reads in round figures; 1 when
     * there is nothing (an empty chart still has an axis).
     */
    public static long niceMax(long max) {
        if (max <= 1) {
            return 1;
        }
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * step >= max) {
                    return m * step;
                }
            }
            if (step > Long.MAX_VALUE / 100) {
                return max;
            }
            step *= 10;
        }
    }

    /** A number of the drawing, with one decimal at most, in the C locale (a comma would break the path). */
    static String n(double v) {
        if (v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * A chart of lines over time: {@code xLabels} are written under the first, middle and last points. {@code title}
     * names the chart, {@code description} says what it shows with the figures (totals, peak), for screen readers.
     */
    public static Html lines(
            String id, String title, String description, List<String> xLabels, List<Line> lines, String yUnit) {
        int points = lines.isEmpty() ? 0 : lines.get(0).values().length;
        long max = 0;
        for (Line l : lines) {
            for (long v : l.values()) {
                max = Math.max(max, v);
            }
        }
        long top = niceMax(max);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        Html h = new Html();
        h.open(
                "svg",
                "xmlns",
                "http://www.w3.org/2000/svg",
                "viewBox",
                "0 0 " + WIDTH + " " + HEIGHT,
                "class",
                "chart",
                "role",
                "img",
                "aria-labelledby",
                id + "-title " + id + "-desc",
                "id",
                id,
                "focusable",
                "false");
        h.element("title", title, "id", id + "-title");
        h.element("desc", description, "id", id + "-desc");
        // the axis and its three round figures
        for (int i = 0; i <= 2; i++) {
            double y = TOP + plotHeight - plotHeight * i / 2.0;
            h.empty(
                    "line",
                    "x1",
                    n(LEFT),
                    "x2",
                    n(WIDTH - RIGHT),
                    "y1",
                    n(y),
                    "y2",
                    n(y),
                    "stroke",
                    i == 0 ? "#57606a" : "#d0d7de",
                    "stroke-width",
                    "1");
            h.close("line");
            h.element(
                    "text",
                    Long.toString(top * i / 2),
                    "x",
                    n(LEFT - 6),
                    "y",
                    n(y + 4),
                    "text-anchor",
                    "end",
                    "font-size",
                    "12",
                    "fill",
                    "#57606a");
        }
        if (yUnit != null) {
            h.element("text", yUnit, "x", n(LEFT), "y", "14", "font-size", "12", "fill", "#57606a");
        }
        if (points > 0 && xLabels != null) {
            int[] at = points == 1 ? new int[] {0} : new int[] {0, (points - 1) / 2, points - 1};
            String[] anchors = {"start", "middle", "end"};
            for (int i = 0; i < at.length; i++) {
                String label = at[i] < xLabels.size() ? xLabels.get(at[i]) : null;
                if (label == null) {
                    continue;
                }
                h.element(
                        "text",
                        label,
                        "x",
                        n(x(at[i], points, plotWidth)),
                        "y",
                        n(HEIGHT - BOTTOM + 18),
                        "text-anchor",
                        at.length == 1 ? "start" : anchors[i],
                        "font-size",
                        "12",
                        "fill",
                        "#57606a");
            }
        }
        for (Line l : lines) {
            if (points == 0) {
                break;
            }
            StringBuilder d = new StringBuilder(points * 12);
            for (int i = 0; i < points; i++) {
                long v = i < l.values().length ? l.values()[i] : 0;
                double y = TOP + plotHeight - plotHeight * v / top;
                d.append(i == 0 ? "" : " ")
                        .append(n(x(i, points, plotWidth)))
                        .append(',')
                        .append(n(y));
            }
            h.empty(
                    "polyline",
                    "points",
                    d.toString(),
                    "fill",
                    "none",
                    "stroke",
                    l.colour(),
                    "stroke-width",
                    "2",
                    "stroke-dasharray",
                    l.dash());
            h.close("polyline");
        }
        // the legend: the line's pattern and its name, so that colour is never the only cue
        double lx = LEFT;
        for (Line l : lines) {
            double ly = HEIGHT - 8;
            h.empty(
                    "line",
                    "x1",
                    n(lx),
                    "x2",
                    n(lx + 24),
                    "y1",
                    n(ly - 4),
                    "y2",
                    n(ly - 4),
                    "stroke",
                    l.colour(),
                    "stroke-width",
                    "3",
                    "stroke-dasharray",
                    l.dash());
            h.close("line");
            h.element("text", l.name(), "x", n(lx + 30), "y", n(ly), "font-size", "12", "fill", "#1f2328");
            lx += 40 + 7.5 * l.name().length();
        }
        h.close("svg");
        return h;
    }

    private static double x(int i, int points, double plotWidth) {
        return points <= 1 ? LEFT : LEFT + plotWidth * i / (points - 1);
    }

    /**
     * A bar in a table cell, {@code value} out of {@code max}: decoration only (hidden from screen readers), since the
     * cell beside it holds the figure.
     */
    public static Html bar(long value, long max, String colour) {
        long top = Math.max(1, max);
        double w = 200.0 * Math.max(0, Math.min(value, top)) / top;
        Html h = new Html();
        h.open(
                "svg",
                "xmlns",
                "http://www.w3.org/2000/svg",
                "viewBox",
                "0 0 200 14",
                "class",
                "bar",
                "aria-hidden",
                "true",
                "focusable",
                "false");
        h.empty("rect", "x", "0", "y", "1", "width", n(w), "height", "12", "fill", colour);
        h.close("rect");
        h.close("svg");
        return h;
    }
}
