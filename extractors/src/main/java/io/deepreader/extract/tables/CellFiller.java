package io.deepreader.extract.tables;

import io.deepreader.extract.tables.PageWords.PageWord;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Puts a page's words into a grid's cells (a word belongs to the cell holding its centre) and names the table. */
final class CellFiller {
    private CellFiller() {
    }

    static Table fill(TableGrid grid, List<PageWord> words, int page, int number) {
        List<TableCell> cells = new ArrayList<>();
        for (TableGrid.Span span : grid.cells()) {
            Box box = grid.box(span);
            List<PageWord> inside = words.stream().filter(w -> contains(box, w.token().box())).toList();
            cells.add(new TableCell(span.row(), span.col(), span.rowSpan(), span.colSpan(), box, text(inside),
                    inside.stream().mapToDouble(w -> w.token().confidence()).average().orElse(0),
                    inside.stream().map(PageWord::ref).toList()));
        }
        String id = "p" + page + "-t" + number;
        String csv = EfsLayout.pageName(page) + ".table-" + String.format("%02d", number) + ".csv";
        return new Table(id, grid.kind(), grid.box(), grid.rows(), grid.cols(), cells, csv);
    }

    static boolean contains(Box box, Box word) {
        double cx = word.centerX();
        double cy = word.centerY();
        return cx >= box.x() && cx < box.right() && cy >= box.y() && cy < box.bottom();
    }

    /** Words in reading order inside the cell: lines (sharing half their height) top to bottom, then left to right. */
    private static String text(List<PageWord> words) {
        List<PageWord> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingDouble(w -> w.token().box().centerY()));
        List<List<PageWord>> lines = new ArrayList<>();
        Box last = null;
        for (PageWord w : sorted) {
            Box b = w.token().box();
            if (last != null && last.verticalOverlap(b) >= 0.5) {
                lines.get(lines.size() - 1).add(w);
                last = last.union(b);
            } else {
                lines.add(new ArrayList<>(List.of(w)));
                last = b;
            }
        }
        List<String> parts = new ArrayList<>();
        for (List<PageWord> line : lines) {
            line.sort(Comparator.comparingInt(w -> w.token().box().x()));
            line.forEach(w -> parts.add(w.token().text()));
        }
        return String.join(" ", parts);
    }
}
