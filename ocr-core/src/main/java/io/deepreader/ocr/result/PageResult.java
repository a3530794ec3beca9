package io.deepreader.ocr.result;

import java.util.List;
import java.util.Map;

/**
 * The OCR of one page: the hierarchy page -> block -> line -> word, every box in the original page's
 * pixels. {@code page} counts from 1. {@code timingsMs} holds each stage's wall time.
 */
public record PageResult(
        int schemaVersion,
        String batchId,
        String docId,
        int page,
        int width,
        int height,
        double skewDegrees,
        String detector,
        List<Block> blocks,
        Map<String, Long> timingsMs) {

    public static final int SCHEMA_VERSION = 1;

    public PageResult {
        blocks = List.copyOf(blocks);
        timingsMs = Map.copyOf(timingsMs);
    }

    public List<Line> lines() {
        return blocks.stream().flatMap(b -> b.lines().stream()).toList();
    }

    /** Plain text: blocks separated by a blank line, lines by a newline. */
    public String text() {
        return String.join("\n\n", blocks.stream().map(Block::text).toList());
    }

    /** Every line of the page in reading order (rows top to bottom, left to right), one per text line. */
    public String readingOrderText() {
        return String.join("\n", io.deepreader.ocr.geometry.ReadingOrder.sort(lines(), Line::box).stream()
                .map(Line::text).toList());
    }

    public double meanConfidence() {
        return lines().stream().mapToDouble(Line::confidence).average().orElse(0);
    }
}
