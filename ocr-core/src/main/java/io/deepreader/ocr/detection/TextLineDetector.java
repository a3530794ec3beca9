package io.deepreader.ocr.detection;

import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.recognition.TesseractEngine;
import java.util.List;

/**
 * Finds text lines on a preprocessed (gray, deskewed) page. Implementations may resize internally but
 * always answer in the given page's pixels, sorted top to bottom, then left to right.
 * Implementations must be safe to call from several threads at once.
 */
public interface TextLineDetector {

    List<DetectedLine> detect(GrayImage page);

    /**
     * White to keep around this detector's boxes when they are read, as a fraction of the line height: it
     * depends on how tightly the boxes hug the ink.
     */
    default double readMargin() {
        return TesseractEngine.READ_MARGIN;
    }

    /** Short stable name written into results, e.g. {@code opencv-morphology} or {@code ctpn-small}. */
    String name();
}
