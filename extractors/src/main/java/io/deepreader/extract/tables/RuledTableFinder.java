package io.deepreader.extract.tables;

import java.util.ArrayList;
import java.util.List;

/**
 * Ruled tables from ruling lines: rulings that cross or touch form groups; a group with at least three horizontal and
 * three vertical rulings (two rows, two columns) is a table. Its row edges are the distinct heights of its horizontal
 * rulings, its column edges the distinct positions of its vertical ones; the grid comes from their intersections.
 * Two neighbouring grid positions with no ruling between them (a header cell over several columns) are one cell.
 */
public final class RuledTableFinder {
    /** Rulings this close (pixels) meet, and edges this close are one edge: a line's thickness plus a scan's wobble. */
    static final int TOLERANCE = 6;
    /** A boundary between two grid positions exists when a ruling covers at least this much of it. */
    static final double BOUNDARY_COVER = 0.5;

    public List<TableGrid> find(List<Ruling> rulings) {
        List<List<Ruling>> groups = groups(rulings);
        List<TableGrid> tables = new ArrayList<>();
        for (List<Ruling> group : groups) {
            List<Ruling> horizontal = group.stream().filter(Ruling::horizontal).toList();
            List<Ruling> vertical = group.stream().filter(r -> !r.horizontal()).toList();
            List<Integer> rowEdges = edges(horizontal);
            List<Integer> colEdges = edges(vertical);
            if (rowEdges.size() < 3 || colEdges.size() < 3) {
                continue; // a single framed box or a lone row/column is not a table
            }
            tables.add(grid(rowEdges, colEdges, horizontal, vertical));
        }
        tables.sort(java.util.Comparator.comparingInt((TableGrid t) -> t.box().y()).thenComparingInt(t -> t.box().x()));
        return List.copyOf(tables);
    }

    /** Connected groups of rulings (a ruling joins every ruling it meets). */
    private static List<List<Ruling>> groups(List<Ruling> rulings) {
        int n = rulings.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (rulings.get(i).meets(rulings.get(j), TOLERANCE)) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        java.util.Map<Integer, List<Ruling>> byRoot = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(rulings.get(i));
        }
        return List.copyOf(byRoot.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Distinct positions, rulings within {@link #TOLERANCE} of each other merged (their mean). */
    private static List<Integer> edges(List<Ruling> rulings) {
        List<Integer> positions = rulings.stream().map(Ruling::position).sorted().toList();
        List<Integer> edges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= positions.size(); i++) {
            if (i == positions.size() || positions.get(i) - positions.get(i - 1) > TOLERANCE) {
                edges.add((int) Math.round(positions.subList(start, i).stream().mapToInt(Integer::intValue).average().orElse(0)));
                start = i;
            }
        }
        return edges;
    }

    private static TableGrid grid(List<Integer> rowEdges, List<Integer> colEdges, List<Ruling> horizontal,
                                  List<Ruling> vertical) {
        int rows = rowEdges.size() - 1;
        int cols = colEdges.size() - 1;
        int[] parent = new int[rows * cols];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (c + 1 < cols && !boundary(vertical, colEdges.get(c + 1), rowEdges.get(r), rowEdges.get(r + 1))) {
                    parent[find(parent, r * cols + c)] = find(parent, r * cols + c + 1);
                }
                if (r + 1 < rows && !boundary(horizontal, rowEdges.get(r + 1), colEdges.get(c), colEdges.get(c + 1))) {
                    parent[find(parent, r * cols + c)] = find(parent, (r + 1) * cols + c);
                }
            }
        }
        // Each merged group becomes the rectangle that holds it (a ruling that ends mid-cell cannot make an L).
        boolean[] taken = new boolean[rows * cols];
        List<TableGrid.Span> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (taken[r * cols + c]) {
                    continue;
                }
                int root = find(parent, r * cols + c);
                int r2 = r;
                int c2 = c;
                for (int i = 0; i < parent.length; i++) {
                    if (find(parent, i) == root) {
                        r2 = Math.max(r2, i / cols);
                        c2 = Math.max(c2, i % cols);
                    }
                }
                for (int rr = r; rr <= r2; rr++) {
                    for (int cc = c; cc <= c2; cc++) {
                        taken[rr * cols + cc] = true;
                    }
                }
                cells.add(new TableGrid.Span(r, c, r2 - r + 1, c2 - c + 1));
            }
        }
        return new TableGrid(TableKind.RULED, rowEdges, colEdges, cells);
    }

    /** Whether a ruling lies along {@code position} over most of {@code lo..hi}. */
    private static boolean boundary(List<Ruling> rulings, int position, int lo, int hi) {
        double covered = 0;
        for (Ruling r : rulings) {
            if (Math.abs(r.position() - position) <= TOLERANCE) {
                covered += r.covers(lo, hi);
            }
        }
        return covered >= BOUNDARY_COVER;
    }
}
