package io.deepreader.ocr.result;

import io.deepreader.ocr.detection.DetectedLine;
import java.util.List;

/** What the detector found on a page, boxes in original page pixels: the intermediate output before OCR. */
public record PageDetections(int schemaVersion, String docId, int page, int width, int height,
                             String detector, List<DetectedLine> lines) {
    public PageDetections {
        lines = List.copyOf(lines);
    }
}
