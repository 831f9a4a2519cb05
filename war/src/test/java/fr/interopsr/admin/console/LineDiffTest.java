package fr.interopsr.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void sameTextsAreAllCommonLines() {
        List<LineDiff.Row> rows = LineDiff.of("a\nb\nc", "a\nb\nc");
        assertEquals(3, rows.size());
        assertTrue(rows.stream().allMatch(LineDiff.Row::same));
        assertEquals(3, rows.get(2).leftNumber());
        assertEquals(3, rows.get(2).rightNumber());
    }

    @Test
    void aChangedLineIsRemovedOnTheLeftAndAddedOnTheRightInOneRow() {
        List<LineDiff.Row> rows = LineDiff.of("a\nb\nc", "a\nB\nc");
        assertEquals(3, rows.size());
        LineDiff.Row changed = rows.get(1);
        assertTrue(changed.removed());
        assertTrue(changed.added());
        assertEquals("b", changed.left());
        assertEquals("B", changed.right());
        assertEquals(2, changed.leftNumber());
        assertEquals(2, changed.rightNumber());
    }

    @Test
    void insertionsAndDeletionsKeepTheLineNumbersOfEachSide() {
        List<LineDiff.Row> rows = LineDiff.of("a\nb\nc\nd", "a\nc\nd\ne");
        // a same; b removed; c, d same; e added
        assertEquals(5, rows.size());
        assertTrue(rows.get(0).same());
        assertTrue(rows.get(1).removed());
        assertFalse(rows.get(1).added());
        assertEquals(0, rows.get(1).rightNumber());
        assertEquals("c", rows.get(2).left());
        assertEquals(3, rows.get(2).leftNumber());
        assertEquals(2, rows.get(2).rightNumber());
        assertTrue(rows.get(4).added());
        assertEquals(0, rows.get(4).leftNumber());
        assertEquals(4, rows.get(4).rightNumber());
    }

    @Test
    void emptyAgainstText() {
        List<LineDiff.Row> rows = LineDiff.of("", "x\ny");
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.added() && !r.removed()));
        assertTrue(LineDiff.of("", "").isEmpty());
    }

    @Test
    void theCommonLinesAreALongestCommonSubsequence() {
        List<String> a = List.of("x", "a", "b", "c", "y", "d");
        List<String> b = List.of("a", "z", "b", "d", "c", "y");
        List<LineDiff.Row> rows = LineDiff.of(a, b);
        long common = rows.stream().filter(LineDiff.Row::same).count();
        assertEquals(4, common); // a b c y
        assertEquals(a, side(rows, true));
        assertEquals(b, side(rows, false));
    }

    @Test
    void hugeDifferentMiddlesAreShownAsReplacedWithoutATable() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            a.add("a" + i);
            b.add("b" + i);
        }
        List<LineDiff.Row> rows = LineDiff.of(a, b);
        assertEquals(3000, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.removed() && r.added()));
    }

    /** Every line of one side, in order, rebuilt from the rows. */
    private static List<String> side(List<LineDiff.Row> rows, boolean left) {
        List<String> out = new ArrayList<>();
        for (LineDiff.Row r : rows) {
            if (left && r.leftNumber() > 0) {
                assertEquals(out.size() + 1, r.leftNumber());
                out.add(r.left());
            } else if (!left && r.rightNumber() > 0) {
                assertEquals(out.size() + 1, r.rightNumber());
                out.add(r.right());
            }
        }
        return out;
    }
}
