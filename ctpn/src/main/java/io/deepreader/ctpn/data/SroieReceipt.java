package io.deepreader.ctpn.data;

import io.deepreader.ocr.geometry.Box;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One receipt of the shared sroie-dev set: its image path and ground-truth lines. */
public record SroieReceipt(String id, Path image, List<TruthLine> lines) {

    public record TruthLine(Box box, String text) {
    }

    public SroieReceipt {
        lines = List.copyOf(lines);
    }

    /** Receipts {@code from..to} inclusive from {@code sroie-dev/}, skipping ids whose files are absent. */
    public static List<SroieReceipt> load(Path sroieDir, int from, int to) {
        List<SroieReceipt> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            String id = String.format("%03d", i);
            Path img = sroieDir.resolve("img").resolve(id + ".jpg");
            Path box = sroieDir.resolve("box").resolve(id + ".csv");
            if (Files.isRegularFile(img) && Files.isRegularFile(box)) {
                out.add(new SroieReceipt(id, img, parseBoxes(box)));
            }
        }
        return out;
    }

    /** {@code x1,y1,...,x4,y4,text}: split on the first 8 commas only, the text may hold commas. */
    static List<TruthLine> parseBoxes(Path csv) {
        try {
            List<TruthLine> lines = new ArrayList<>();
            for (String row : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                String[] f = row.split(",", 9);
                if (f.length < 9) {
                    continue;
                }
                double minX = Double.MAX_VALUE;
                double minY = Double.MAX_VALUE;
                double maxX = -Double.MAX_VALUE;
                double maxY = -Double.MAX_VALUE;
                for (int p = 0; p < 4; p++) {
                    double x = Double.parseDouble(f[2 * p].trim());
                    double y = Double.parseDouble(f[2 * p + 1].trim());
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
                lines.add(new TruthLine(Box.ofCorners(minX, minY, maxX, maxY), f[8].strip()));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
