package io.deepreader.extract.tables;

import io.deepreader.ocr.geometry.Box;
import java.util.List;

/**
 * A table of a page: {@code id} (page and number, {@code p1-t1}), how it was found, its box in original page pixels,
 * its grid size, its cells (each grid position in exactly one) and the name of its CSV file beside tables.json.
 */
public record Table(String id, TableKind kind, Box box, int rows, int cols, List<TableCell> cells, String csv) {
    public Table {
        cells = List.copyOf(cells);
    }

    /** The grid as rows of strings: a spanning cell's text at its top-left position, "" under the rest of it. */
    public List<List<String>> textGrid() {
        String[][] grid = new String[rows][cols];
        for (String[] row : grid) {
            java.util.Arrays.fill(row, "");
        }
        for (TableCell cell : cells) {
            grid[cell.row()][cell.col()] = cell.text();
        }
        return java.util.Arrays.stream(grid).map(List::of).toList();
    }
}
