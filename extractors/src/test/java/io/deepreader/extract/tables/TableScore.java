package io.deepreader.extract.tables;

import java.util.List;
import java.util.Locale;

/**
 * Cell-level accuracy of found tables against written ones: a written cell counts as right when the table matched to
 * its table (the found table on the page whose box overlaps it most, IoU >= 0.5) has a cell starting at the same row
 * and column whose text, upper-cased with white space removed, equals the written text. Empty written cells are not
 * counted; a written table with no match loses all its cells.
 */
final class TableScore {
    int cells;
    int right;
    int tables;
    int tablesMatched;
    int gridsExact;

    void add(TableInvoices.Truth truth, List<Table> found, StringBuilder errors, String name) {
        tables++;
        Table best = null;
        double bestIou = 0;
        for (Table t : found) {
            double iou = t.box().iou(truth.box());
            if (iou > bestIou) {
                bestIou = iou;
                best = t;
            }
        }
        if (best == null || bestIou < 0.5) {
            best = null;
            errors.append(name).append(": table not found (best IoU ").append(String.format(Locale.ROOT, "%.2f", bestIou))
                    .append(", ").append(found.size()).append(" found)\n");
        } else {
            tablesMatched++;
            if (best.rows() == truth.rows() && best.cols() == truth.cols()) {
                gridsExact++;
            } else {
                errors.append(name).append(": grid ").append(best.rows()).append("x").append(best.cols())
                        .append(", written ").append(truth.rows()).append("x").append(truth.cols()).append('\n');
            }
        }
        for (TableInvoices.Cell cell : truth.cells()) {
            if (cell.text().isBlank()) {
                continue;
            }
            cells++;
            TableCell got = best == null ? null : best.cells().stream()
                    .filter(c -> c.row() == cell.row() && c.col() == cell.col()).findFirst().orElse(null);
            if (got != null && norm(got.text()).equals(norm(cell.text()))) {
                right++;
            } else if (errors.length() < 20_000) {
                errors.append(name).append(" r").append(cell.row()).append("c").append(cell.col()).append(": '")
                        .append(cell.text()).append("' read '").append(got == null ? "<no cell>" : got.text()).append("'\n");
            }
        }
    }

    double accuracy() {
        return cells == 0 ? 0 : right / (double) cells;
    }

    static String norm(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "cell accuracy %.3f (%d/%d cells), tables matched %d/%d, grid size exact %d",
                accuracy(), right, cells, tablesMatched, tables, gridsExact);
    }
}
