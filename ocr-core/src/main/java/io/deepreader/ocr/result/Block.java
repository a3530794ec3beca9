package io.deepreader.ocr.result;

import io.deepreader.ocr.geometry.Box;
import java.util.List;

/** A group of nearby lines (Tesseract's RIL_BLOCK level), in reading order. */
public record Block(Box box, double confidence, List<Line> lines) {
    public Block {
        lines = List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines.stream().map(Line::text).toList());
    }
}
