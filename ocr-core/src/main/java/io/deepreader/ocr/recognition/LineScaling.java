package io.deepreader.ocr.recognition;

import io.deepreader.ocr.geometry.Box;
import java.util.List;

/**
 * How a line is handed to Tesseract: read in place on the page through SetRectangle ({@link #inPlace()}), or
 * cut out (with the read margin) and resized so the line box is {@code targetHeight} pixels tall first.
 * Tesseract finds the line's own box by thresholding the rectangle at the resolution it gets, then scales
 * that box to its network's input height (36 px for eng); the resize changes what the threshold and the
 * connected components see.
 * <p>
 * {@code maxMedianHeight} (0 = off) applies to in-place reading: a page whose lines are taller than that at the
 * median (a receipt scanned at 600 dpi: 70-90 px lines where most receipts have 25-35) is read from a copy scaled
 * down so its median line is that tall. The network sees the same 36-px lines either way; what shrinks is the
 * thresholding, connected components and blur Tesseract and the stroke smoothing do on every pixel of the page.
 */
public record LineScaling(int targetHeight, int maxMedianHeight) {
    /** Lines this many pixels tall or more are never resized (nothing a page-sized crop would gain). */
    private static final int MAX_TARGET = 200;

    public LineScaling {
        if (targetHeight < 0 || targetHeight > MAX_TARGET) {
            throw new IllegalArgumentException("targetHeight must be in [0, " + MAX_TARGET + "], got " + targetHeight);
        }
        if (maxMedianHeight < 0 || (maxMedianHeight > 0 && maxMedianHeight < 8)) {
            throw new IllegalArgumentException("maxMedianHeight must be 0 (off) or >= 8, got " + maxMedianHeight);
        }
    }

    public LineScaling(int targetHeight) {
        this(targetHeight, 0);
    }

    /** Read in place at the page's own resolution. */
    public static LineScaling inPlace() {
        return new LineScaling(0, 0);
    }

    /** Read in place, from a page scaled down when its median line is taller than {@code maxMedianHeight}. */
    public static LineScaling inPlace(int maxMedianHeight) {
        return new LineScaling(0, maxMedianHeight);
    }

    public boolean enabled() {
        return targetHeight > 0;
    }

    /** The factor a line of this box's height is resized by. */
    public double factor(Box line) {
        return enabled() ? (double) targetHeight / Math.max(1, line.height()) : 1.0;
    }

    /** The factor (at most 1) the page these lines are on is read at, in place. */
    public double pageFactor(List<Box> lines) {
        int median = Box.medianHeight(lines);
        return maxMedianHeight > 0 && median > maxMedianHeight ? (double) maxMedianHeight / median : 1.0;
    }
}
