package io.deepreader.ocr.geometry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Sorts boxes as a reader goes: rows top to bottom, left to right within a row. A box joins the current
 * row when its vertical centre lies within half the row's median height of the row's centre; a plain
 * (y, x) sort would interleave boxes of one row whose tops differ by a pixel.
 */
public final class ReadingOrder {
    private ReadingOrder() {
    }

    public static <T> List<T> sort(List<T> items, Function<T, Box> boxOf) {
        List<T> byCenter = new ArrayList<>(items);
        byCenter.sort(Comparator.comparingDouble(t -> boxOf.apply(t).centerY()));
        List<List<T>> rows = new ArrayList<>();
        List<T> row = new ArrayList<>();
        double rowCenter = 0;
        double rowHeight = 0;
        for (T item : byCenter) {
            Box b = boxOf.apply(item);
            if (!row.isEmpty() && Math.abs(b.centerY() - rowCenter) > Math.max(2, Math.min(rowHeight, b.height()) / 2.0)) {
                rows.add(row);
                row = new ArrayList<>();
            }
            row.add(item);
            rowCenter = row.stream().mapToDouble(t -> boxOf.apply(t).centerY()).average().orElse(b.centerY());
            rowHeight = row.stream().mapToInt(t -> boxOf.apply(t).height()).sorted().skip(row.size() / 2).findFirst().orElse(b.height());
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        List<T> out = new ArrayList<>(items.size());
        for (List<T> r : rows) {
            r.sort(Comparator.comparingInt(t -> boxOf.apply(t).x()));
            out.addAll(r);
        }
        return out;
    }
}
