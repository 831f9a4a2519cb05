package fr.interopsr.admin.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A side-by-side line diff of two texts: the longest common subsequence of their lines (plain
 * dynamic programming after the common head and tail are set aside), then each run of removed
 * and added lines between two common ones paired row by row.
 */
public final class LineDiff {

    /** Above this many cells the middle part is shown as wholly replaced instead of compared. */
    static final long MAX_CELLS = 4_000_000L;

    /**
     * One row: the left line (its 1-based number, or 0 when the row has none) and the right line.
     * {@code removed}: the left line is not in the right text; {@code added}: the right line is not in the left text.
     */
    public record Row(int leftNumber, String left, boolean removed, int rightNumber, String right, boolean added) {
        public boolean same() {
            return !removed && !added;
        }
    }

    private LineDiff() {}

    public static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return List.of(text.split("\r?\n", -1));
    }

    public static List<Row> of(String left, String right) {
        return of(lines(left), lines(right));
    }

    public static List<Row> of(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head
                && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            rows.add(new Row(i + 1, a.get(i), false, i + 1, b.get(i), false));
        }
        middle(a, b, head, a.size() - tail, b.size() - tail, rows);
        for (int k = tail; k > 0; k--) {
            int i = a.size() - k;
            int j = b.size() - k;
            rows.add(new Row(i + 1, a.get(i), false, j + 1, b.get(j), false));
        }
        return rows;
    }

    /** Lines {@code a[from, aEnd)} against {@code b[from, bEnd)}. */
    private static void middle(List<String> a, List<String> b, int from, int aEnd, int bEnd, List<Row> rows) {
        int n = aEnd - from;
        int m = bEnd - from;
        List<Integer> removed = new ArrayList<>();
        List<Integer> added = new ArrayList<>();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int i = from; i < aEnd; i++) {
                removed.add(i);
            }
            for (int j = from; j < bEnd; j++) {
                added.add(j);
            }
            flush(a, b, removed, added, rows);
            return;
        }
        // lcs[i][j]: length of the LCS of a[from+i ..] and b[from+j ..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(from + i).equals(b.get(from + j))
                        ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(from + i).equals(b.get(from + j))) {
                flush(a, b, removed, added, rows);
                rows.add(new Row(from + i + 1, a.get(from + i), false, from + j + 1, b.get(from + j), false));
                i++;
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                added.add(from + j++);
            } else {
                removed.add(from + i++);
            }
        }
        flush(a, b, removed, added, rows);
    }

    private static void flush(
            List<String> a, List<String> b, List<Integer> removed, List<Integer> added, List<Row> rows) {
        for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
            boolean hasLeft = k < removed.size();
            boolean hasRight = k < added.size();
            int i = hasLeft ? removed.get(k) : -1;
            int j = hasRight ? added.get(k) : -1;
            rows.add(new Row(i + 1, hasLeft ? a.get(i) : null, hasLeft, j + 1, hasRight ? b.get(j) : null, hasRight));
        }
        removed.clear();
        added.clear();
    }
}
