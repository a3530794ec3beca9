package io.deepreader.ocr.eval;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.geometry.ReadingOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One receipt of the SROIE task-1 layout: {@code img/NNN.jpg} and its line boxes {@code box/NNN.csv}. */
public record SroieReceipt(String id, Path image, List<TruthLine> lines) {

    public record TruthLine(Box box, String text) {
    }

    /** Receipts 300-399: the fixed report split nobody trains on. */
    public static final int REPORT_SPLIT_START = 300;

    public static SroieReceipt load(Path sroieDir, String id) throws IOException {
        List<TruthLine> lines = new ArrayList<>();
        for (String row : Files.readAllLines(sroieDir.resolve("box").resolve(id + ".csv"), StandardCharsets.UTF_8)) {
            if (row.isBlank()) {
                continue;
            }
            // The text may hold commas: only the first 8 separate coordinates.
            String[] parts = row.split(",", 9);
            if (parts.length < 9) {
                continue;
            }
            double[] c = new double[8];
            for (int i = 0; i < 8; i++) {
                c[i] = Double.parseDouble(parts[i].strip());
            }
            double minX = Math.min(Math.min(c[0], c[2]), Math.min(c[4], c[6]));
            double maxX = Math.max(Math.max(c[0], c[2]), Math.max(c[4], c[6]));
            double minY = Math.min(Math.min(c[1], c[3]), Math.min(c[5], c[7]));
            double maxY = Math.max(Math.max(c[1], c[3]), Math.max(c[5], c[7]));
            lines.add(new TruthLine(Box.ofCorners(minX, minY, maxX, maxY), parts[8].strip()));
        }
        return new SroieReceipt(id, sroieDir.resolve("img").resolve(id + ".jpg"), List.copyOf(lines));
    }

    public static List<SroieReceipt> loadRange(Path sroieDir, int fromInclusive, int toExclusive) throws IOException {
        List<SroieReceipt> out = new ArrayList<>();
        for (int i = fromInclusive; i < toExclusive; i++) {
            out.add(load(sroieDir, String.format("%03d", i)));
        }
        return out;
    }

    public List<Box> boxes() {
        return lines.stream().map(TruthLine::box).toList();
    }

    /** The page's text in the same reading order the pipeline uses, so CER measures reading, not ordering. */
    public String text() {
        return String.join("\n", ReadingOrder.sort(lines, TruthLine::box).stream().map(TruthLine::text).toList());
    }
}
