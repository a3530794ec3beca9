package io.deepreader.ocr.detection;

import io.deepreader.ocr.image.GrayImage;
import java.util.List;

/**
 * Finds text lines on a preprocessed (gray, deskewed) page. Implementations may resize internally but
 * always answer in the given page's pixels, sorted top to bottom, then left to right.
 * Implementations must be safe to call from several threads at once.
 */
public interface TextLineDetector {

    List<DetectedLine> detect(GrayImage page);

    /** Short stable name written into results, e.g. {@code opencv-morphology} or {@code ctpn-small}. */
    String name();
}
