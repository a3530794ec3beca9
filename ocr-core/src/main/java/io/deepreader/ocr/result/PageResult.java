package io.deepreader.ocr.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The OCR of one page: the hierarchy page -> block -> line -> word, every box in the original page's
 * pixels. {@code page} counts from 1. {@code timingsMs} holds each stage's wall time.
 * {@code orientationDegrees} (0, 90, 180, 270) is how far clockwise orientation detection found the page's
 * content rotated and turned back before deskew; 0 when upright, not detected, or in JSON written before
 * the field existed (a missing field reads as 0, so the schema version stays 1).
 * {@code warnings} says why a page gave no text ({@link #BLANK_PAGE}, {@link #NO_TEXT_FOUND}), so such a page
 * is never a silent ok; left out of the JSON when empty (and read as empty when missing).
 * {@code mirrored}: the stored image was flipped left to right before the turn by {@code orientationDegrees} (a
 * front camera's EXIF Orientation 2, 4, 5 or 7), so the upright page is flip-then-turn of the stored pixels, which
 * every box is still in. Written only when true; a missing field reads as false, so, as with
 * {@code orientationDegrees}, the schema version stays 1.
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
        Map<String, Long> timingsMs,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean mirrored) {

    public static final int SCHEMA_VERSION = 1;
    /** The page has no ink at all (its gray range is under {@code GrayRange.MIN_CONTRAST}): nothing to read. */
    public static final String BLANK_PAGE = "BlankPage";
    /** The page has ink, but no line of text was read from it. */
    public static final String NO_TEXT_FOUND = "NoTextFound";

    public PageResult {
        blocks = List.copyOf(blocks);
        timingsMs = Map.copyOf(timingsMs);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A page that was not mirrored. */
    public PageResult(int schemaVersion, String batchId, String docId, int page, int width, int height,
                      double skewDegrees, int orientationDegrees, String detector, List<Block> blocks,
                      Map<String, Long> timingsMs, List<String> warnings) {
        this(schemaVersion, batchId, docId, page, width, height, skewDegrees, orientationDegrees, detector, blocks,
                timingsMs, warnings, false);
    }

    /** A page without warnings. */
    public PageResult(int schemaVersion, String batchId, String docId, int page, int width, int height,
                      double skewDegrees, int orientationDegrees, String detector, List<Block> blocks,
                      Map<String, Long> timingsMs) {
        this(schemaVersion, batchId, docId, page, width, height, skewDegrees, orientationDegrees, detector, blocks,
                timingsMs, List.of());
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
     * Every line of the page in reading order (rows top to bottom, left to right, on the page flipped back when
     * mirrored and turned upright), one per text line.
     */
    public String readingOrderText() {
        return String.join("\n", io.deepreader.ocr.geometry.ReadingOrder.sort(lines(),
                        line -> (mirrored ? line.box().flippedLeftRight(width) : line.box())
                                .turnedUpright(orientationDegrees, width, height)).stream()
                .map(Line::text).toList());
    }

    public double meanConfidence() {
        return lines().stream().mapToDouble(Line::confidence).average().orElse(0);
    }
}
