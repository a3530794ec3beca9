package io.deepreader.ocr.detection;

import io.deepreader.ocr.image.GrayImage;
import java.util.List;

/**
 * Finds text lines on a preprocessed (gray, deskewed) page. Implementations may resize internally but
 * always answer in the given page's pixels, sorted top to bottom, then left to right.
 * Implementations must be safe to call from several threads at once.
 */
public interface TextLineDetector {
    /**
     * White kept around a detected line when it is read, as a fraction of its height; the reported box stays
     * the detected one. Detectors hug the ink and Tesseract reads a line better with a margin: on SROIE 250-274
     * (training split) page CER went 0.224 -> 0.199 with CTPN and 0.394 -> 0.331 with the OpenCV detector at
     * 0.15; 0.08 and 0.2 gave 0.202, 0.3 gave 0.223 (neighbouring lines intrude).
     */
    double DEFAULT_READ_MARGIN = 0.15;

    List<DetectedLine> detect(GrayImage page);

    /**
     * White to keep around this detector's boxes when they are read, as a fraction of the line height: it
     * depends on how tightly the boxes hug the ink.
     */
    default double readMargin() {
        return DEFAULT_READ_MARGIN;
    }

    /** Short stable name written into results, e.g. {@code opencv-morphology} or {@code ctpn-small}. */
    String name();
}
