package io.deepreader.ocr.orientation;

/**
 * The orientation a page is turned back from before deskew.
 *
 * @param degrees    0, 90, 180 or 270: how far clockwise the page's content is rotated; 0 also when detection
 *                   was skipped, found too little text, or was not confident enough
 * @param confidence Tesseract's orientation confidence for what it detected (0 when it did not run or decide)
 * @param detected   what OSD reported, even when below the threshold (so callers can log near misses)
 */
public record PageOrientation(int degrees, float confidence, int detected) {
    public static final PageOrientation UPRIGHT_UNCHECKED = new PageOrientation(0, 0, 0);
}
