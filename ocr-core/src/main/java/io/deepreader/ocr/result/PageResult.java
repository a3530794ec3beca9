package io.deepreader.ocr.result;

import java.util.List;
import java.util.Map;

/**
 * The OCR of one page: the hierarchy page -> block -> line -> word, every box in the original page's
 * pixels. {@code page} counts from 1. {@code timingsMs} holds each stage's wall time.
 * {@code orientationDegrees} (0, 90, 180, 270) is how far clockwise orientation detection found the page's
 * content rotated and turned back before deskew; 0 when upright, not detected, or in JSON written before
 * the field existed (a missing field reads as 0, so the schema version stays 1).
 */
public record PageResult(
        int schemaVersion,
        String batchId,
        String docId,
        int page,
        int width,
        int height,
        double skewDegrees,
        int orientationDegrees,
        String detector,
        List<Block> blocks,
        Map<String, Long> timingsMs) {

    public static final int SCHEMA_VERSION = 1;

    public PageResult {
        blocks = List.copyOf(blocks);
        timingsMs = Map.copyOf(timingsMs);
    }

    /** A page that was not turned (orientation 0): the shape every caller used before orientation detection. */
    public PageResult(int schemaVersion, String batchId, String docId, int page, int width, int height,
                      double skewDegrees, String detector, List<Block> blocks, Map<String, Long> timingsMs) {
        this(schemaVersion, batchId, docId, page, width, height, skewDegrees, 0, detector, blocks, timingsMs);
    }

    public List<Line> lines() {
        return blocks.stream().flatMap(b -> b.lines().stream()).toList();
    }

    /** Plain text: blocks separated by a blank line, lines by a newline. */
    public String text() {
        return String.join("\n\n", blocks.stream().map(Block::text).toList());
    }

    /**
     * Every line of the page in reading order (rows top to bottom, left to right, on the page turned upright),
     * one per text line.
     */
    public String readingOrderText() {
        return String.join("\n", io.deepreader.ocr.geometry.ReadingOrder.sort(lines(),
                        line -> line.box().turnedUpright(orientationDegrees, width, height)).stream()
                .map(Line::text).toList());
    }

    public double meanConfidence() {
        return lines().stream().mapToDouble(Line::confidence).average().orElse(0);
    }
}
