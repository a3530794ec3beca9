package io.deepreader.ocr.recognition;

import io.deepreader.ocr.geometry.Box;

/**
 * How a line is handed to Tesseract: read in place on the page through SetRectangle ({@link #inPlace()}), or
 * cut out (with the read margin) and resized so the line box is {@code targetHeight} pixels tall first.
 * Tesseract finds the line's own box by thresholding the rectangle at the resolution it gets, then scales
 * that box to its network's input height (36 px for eng); the resize changes what the threshold and the
 * connected components see.
 */
public record LineScaling(int targetHeight) {
    /** Lines this many pixels tall or more are never resized (nothing a page-sized crop would gain). */
    private static final int MAX_TARGET = 200;

    public LineScaling {
        if (targetHeight < 0 || targetHeight > MAX_TARGET) {
            throw new IllegalArgumentException("targetHeight must be in [0, " + MAX_TARGET + "], got " + targetHeight);
        }
    }

    public static LineScaling inPlace() {
        return new LineScaling(0);
    }

    public boolean enabled() {
        return targetHeight > 0;
    }

    /** The factor a line of this box's height is resized by. */
    public double factor(Box line) {
        return enabled() ? (double) targetHeight / Math.max(1, line.height()) : 1.0;
    }
}
