package io.deepreader.extract.tables;

import io.deepreader.ocr.geometry.Box;
import java.util.List;

/**
 * A table's structure before text: row and column edges in page pixels (top to bottom, left to right; n rows have
 * n + 1 edges) and its cells, each spanning one or more grid positions. Every grid position is in exactly one cell.
 */
public record TableGrid(TableKind kind, List<Integer> rowEdges, List<Integer> colEdges, List<Span> cells) {

    /** A cell of the grid: 0-based first row and column, and how many of each it covers. */
    public record Span(int row, int col, int rowSpan, int colSpan) {
        public Span {
            if (row < 0 || col < 0 || rowSpan < 1 || colSpan < 1) {
                throw new IllegalArgumentException("bad cell span " + row + "," + col + " " + rowSpan + "x" + colSpan);
            }
        }
    }

    public TableGrid {
        rowEdges = List.copyOf(rowEdges);
        colEdges = List.copyOf(colEdges);
        cells = List.copyOf(cells);
        if (rowEdges.size() < 2 || colEdges.size() < 2) {
            throw new IllegalArgumentException("a table needs at least one row and one column");
        }
    }

    public int rows() {
        return rowEdges.size() - 1;
    }

    public int cols() {
        return colEdges.size() - 1;
    }

    public Box box() {
        return Box.ofCorners(colEdges.get(0), rowEdges.get(0), colEdges.get(cols()), rowEdges.get(rows()));
    }

    public Box box(Span span) {
        return Box.ofCorners(colEdges.get(span.col()), rowEdges.get(span.row()),
                colEdges.get(span.col() + span.colSpan()), rowEdges.get(span.row() + span.rowSpan()));
    }

    /** A grid of single cells, no spans. */
    static TableGrid simple(TableKind kind, List<Integer> rowEdges, List<Integer> colEdges) {
        List<Span> cells = new java.util.ArrayList<>();
        for (int r = 0; r < rowEdges.size() - 1; r++) {
            for (int c = 0; c < colEdges.size() - 1; c++) {
                cells.add(new Span(r, c, 1, 1));
            }
        }
        return new TableGrid(kind, rowEdges, colEdges, cells);
    }
}
