package io.deepreader.extract.eval;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Block;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A receipt's ground-truth line boxes and transcripts ({@code box/NNN.csv}) as a {@link PageResult},
 * as if OCR were perfect: the upper bound for the field rules, independent of detector and Tesseract.
 */
public final class SroieGroundTruth {
    private SroieGroundTruth() {
    }

    public static PageResult page(Path boxCsv, Path image, String docId) throws IOException {
        int[] size = imageSize(image);
        List<Line> lines = new ArrayList<>();
        for (String row : Files.readAllLines(boxCsv, StandardCharsets.UTF_8)) {
            Line line = parse(row);
            if (line != null) {
                lines.add(line);
            }
        }
        Box pageBox = new Box(0, 0, size[0], size[1]);
        return new PageResult(PageResult.SCHEMA_VERSION, "sroie", docId, 1, size[0], size[1], 0, "ground-truth",
                List.of(new Block(pageBox, 100, lines)), Map.of());
    }

    /** {@code x1,y1,...,x4,y4,text}: split on the first 8 commas only, the text may hold commas. */
    static Line parse(String row) {
        String[] parts = row.replace("\uFEFF", "").split(",", 9);
        if (parts.length < 9 || parts[8].isBlank()) {
            return null;
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 8; i += 2) {
            double x = Double.parseDouble(parts[i].strip());
            double y = Double.parseDouble(parts[i + 1].strip());
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        return new Line(parts[8].strip(), Box.ofCorners(minX, minY, maxX, maxY), 100, 1, List.of());
    }

    /** Width and height from the image header, without decoding the (sometimes 5000x7000) pixels. */
    static int[] imageSize(Path image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no image reader for " + image);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }
}
