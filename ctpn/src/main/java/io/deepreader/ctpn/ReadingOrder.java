package io.deepreader.ctpn;

import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Sorts boxes top to bottom, then left to right within a row. Rows are built explicitly (a box joins the
 * row when its centre lies within half the row's first box height) because a pairwise "same row" comparator
 * is not transitive and would break {@code List.sort}.
 */
public final class ReadingOrder {
    private ReadingOrder() {
    }

    public static List<DetectedLine> sortLines(List<DetectedLine> lines) {
        return sort(lines, DetectedLine::box);
    }

    public static <T> List<T> sort(List<T> items, Function<T, Box> box) {
        List<T> byCentre = new ArrayList<>(items);
        byCentre.sort(Comparator.comparingDouble(t -> box.apply(t).centerY()));
        List<T> out = new ArrayList<>(items.size());
        List<T> row = new ArrayList<>();
        Box first = null;
        for (T t : byCentre) {
            Box b = box.apply(t);
            if (first != null && Math.abs(b.centerY() - first.centerY()) >= first.height() / 2.0) {
                flush(row, box, out);
                first = null;
            }
            if (first == null) {
                first = b;
            }
            row.add(t);
        }
        flush(row, box, out);
        return out;
    }

    private static <T> void flush(List<T> row, Function<T, Box> box, List<T> out) {
        row.sort(Comparator.comparingInt(t -> box.apply(t).x()));
        out.addAll(row);
        row.clear();
    }
}
