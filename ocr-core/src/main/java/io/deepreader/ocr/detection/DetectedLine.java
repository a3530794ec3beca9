package io.deepreader.ocr.detection;

import io.deepreader.ocr.geometry.Box;

/** A text line found by a detector, in the pixels of the image the detector was given, with its score in [0,1]. */
public record DetectedLine(Box box, double score) {
}
