package io.deepreader.ocr.recognition;

/**
 * What Tesseract's orientation and script detection (PSM_OSD_ONLY) reported for a page.
 * {@code orientationDegrees} is Tesseract's {@code orient_deg}: 0, 90, 180 or 270, how far clockwise the
 * page's text is rotated from upright (phototest.tif turned 90 degrees clockwise reports 90: measured);
 * {@code confidence} is its {@code orient_conf}, unbounded (about 10 on a clean 640x480 page).
 */
public record OsdResult(int orientationDegrees, float confidence, String script, float scriptConfidence) {
}
