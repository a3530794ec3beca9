package io.deepreader.extract.tables;

import io.deepreader.extract.tables.PageWords.PageWord;
import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tables without rulings, from the alignment of words: words sharing a baseline make a row; a row whose words fall
 * apart into two or more runs separated by wide gaps may be a table row; three or more such rows in a stack whose
 * gaps line up (an x range that no word of any of the rows touches) are a table, with a column between each pair of
 * gaps. The gaps come from all rows together, so right-aligned amounts (ragged on the left) and left-aligned text
 * (ragged on the right) both leave their column's white space intact. A stack needs one mostly numeric column (the
 * quantities or amounts of line items) to count: two-column letterheads and address blocks have none.
 */
public final class UnruledTableFinder {
    /** Words of a row this far apart (in median word heights) are in different runs: a column gap, not a space. */
    static final double RUN_GAP = 1.0;
    /** A column gap must be at least this wide, in median word heights. */
    static final double COLUMN_GAP = 0.8;
    /** Two rows of a table are at most this far apart vertically (white space between them, in word heights). */
    static final double ROW_GAP = 2.0;
    static final int MIN_ROWS = 3;
    /** The share of a column's non-empty cells that must be numbers for it to be a numeric column. */
    static final double NUMERIC_SHARE = 0.6;
    private static final Pattern NUMBER = Pattern.compile("[-+(]?[A-Z$€£]{0,3}\\s?[0-9][0-9.,]*%?\\)?");

    /** One visual row: its words left to right, and their runs (split at wide gaps). */
    record Row(List<PageWord> words, List<List<PageWord>> runs, Box box) {
    }

    public List<TableGrid> find(List<PageWord> words) {
        if (words.isEmpty()) {
            return List.of();
        }
        double height = median(words.stream().mapToDouble(w -> w.token().box().height()).toArray());
        List<Row> rows = rows(words, height);
        List<TableGrid> tables = new ArrayList<>();
        int i = 0;
        while (i < rows.size()) {
            if (rows.get(i).runs().size() < 2) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < rows.size() && rows.get(j).runs().size() >= 2
                    && rows.get(j).box().y() - rows.get(j - 1).box().bottom() <= ROW_GAP * height) {
                j++;
            }
            List<Row> stack = rows.subList(i, j);
            if (stack.size() >= MIN_ROWS) {
                grid(stack, height).ifPresent(tables::add);
            }
            i = j;
        }
        return List.copyOf(tables);
    }

    private static List<Row> rows(List<PageWord> words, double height) {
        List<PageWord> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingDouble(w -> w.token().box().centerY()));
        List<List<PageWord>> groups = new ArrayList<>();
        List<Box> boxes = new ArrayList<>();
        for (PageWord w : sorted) {
            Box b = w.token().box();
            int last = groups.size() - 1;
            if (last >= 0 && boxes.get(last).verticalOverlap(b) >= 0.5 && b.centerY() < boxes.get(last).bottom()) {
                groups.get(last).add(w);
                boxes.set(last, boxes.get(last).union(b));
            } else {
                groups.add(new ArrayList<>(List.of(w)));
                boxes.add(b);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<PageWord> row = groups.get(g);
            row.sort(Comparator.comparingInt(w -> w.token().box().x()));
            List<List<PageWord>> runs = new ArrayList<>();
            List<PageWord> run = new ArrayList<>();
            for (PageWord w : row) {
                if (!run.isEmpty() && w.token().box().x() - run.get(run.size() - 1).token().box().right() > RUN_GAP * height) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
                run.add(w);
            }
            runs.add(run);
            rows.add(new Row(List.copyOf(row), List.copyOf(runs), boxes.get(g)));
        }
        return rows;
    }

    private static java.util.Optional<TableGrid> grid(List<Row> stack, double height) {
        int left = stack.stream().flatMap(r -> r.words().stream()).mapToInt(w -> w.token().box().x()).min().orElse(0);
        int right = stack.stream().flatMap(r -> r.words().stream()).mapToInt(w -> w.token().box().right()).max().orElse(0);
        boolean[] inked = new boolean[right - left];
        for (Row row : stack) {
            for (PageWord w : row.words()) {
                for (int x = w.token().box().x(); x < w.token().box().right(); x++) {
                    inked[x - left] = true;
                }
            }
        }
        List<Integer> colEdges = new ArrayList<>(List.of(left));
        int x = 0;
        while (x < inked.length) {
            if (inked[x]) {
                x++;
                continue;
            }
            int start = x;
            while (x < inked.length && !inked[x]) {
                x++;
            }
            if (x - start >= COLUMN_GAP * height && x < inked.length) {
                colEdges.add(left + (start + x) / 2);
            }
        }
        colEdges.add(right);
        mergeComplementaryColumns(stack, colEdges);
        if (colEdges.size() < 3) {
            return java.util.Optional.empty();
        }
        List<Integer> rowEdges = new ArrayList<>(List.of(stack.get(0).box().y()));
        for (int r = 1; r < stack.size(); r++) {
            rowEdges.add((stack.get(r - 1).box().bottom() + stack.get(r).box().y() + 1) / 2);
        }
        rowEdges.add(stack.get(stack.size() - 1).box().bottom());
        TableGrid grid = TableGrid.simple(TableKind.UNRULED, rowEdges, colEdges);
        return hasNumericColumn(stack, colEdges) ? java.util.Optional.of(grid) : java.util.Optional.empty();
    }

    /**
     * A gap is a column boundary only when at least {@link #MIN_ROWS} rows have words on both of its sides (in the two
     * columns it separates): a header printed left-aligned over right-aligned numbers leaves a gap that no row has
     * words on both sides of, and those two are one column.
     */
    private static void mergeComplementaryColumns(List<Row> stack, List<Integer> colEdges) {
        boolean merged = true;
        while (merged && colEdges.size() > 2) {
            merged = false;
            int weakest = -1;
            int weakestRows = Integer.MAX_VALUE;
            for (int e = 1; e + 1 < colEdges.size(); e++) {
                int both = 0;
                for (Row row : stack) {
                    if (filled(row, colEdges.get(e - 1), colEdges.get(e)) && filled(row, colEdges.get(e), colEdges.get(e + 1))) {
                        both++;
                    }
                }
                if (both < weakestRows) {
                    weakestRows = both;
                    weakest = e;
                }
            }
            if (weakestRows < MIN_ROWS) {
                colEdges.remove(weakest);
                merged = true;
            }
        }
    }

    private static boolean filled(Row row, int from, int to) {
        return row.words().stream().anyMatch(w -> w.token().box().centerX() >= from && w.token().box().centerX() < to);
    }

    private static boolean hasNumericColumn(List<Row> stack, List<Integer> colEdges) {
        for (int c = 0; c + 1 < colEdges.size(); c++) {
            int filled = 0;
            int numeric = 0;
            for (Row row : stack) {
                StringBuilder text = new StringBuilder();
                for (PageWord w : row.words()) {
                    double cx = w.token().box().centerX();
                    if (cx >= colEdges.get(c) && cx < colEdges.get(c + 1)) {
                        text.append(text.length() == 0 ? "" : " ").append(w.token().text());
                    }
                }
                if (text.length() > 0) {
                    filled++;
                    if (NUMBER.matcher(text.toString().toUpperCase(java.util.Locale.ROOT)).matches()) {
                        numeric++;
                    }
                }
            }
            if (filled >= MIN_ROWS - 1 && numeric >= NUMERIC_SHARE * filled) {
                return true;
            }
        }
        return false;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length == 0 ? 0 : v[v.length / 2];
    }
}
