package io.deepreader.ocr.preprocess;

import io.deepreader.ocr.image.GrayImage;

/** A page ready for detection and recognition, and the transform back to the original's pixels. */
public record PreprocessedPage(GrayImage image, PageTransform transform) {
}
