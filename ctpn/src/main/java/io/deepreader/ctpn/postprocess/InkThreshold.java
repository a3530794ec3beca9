package io.deepreader.ctpn.postprocess;

import io.deepreader.ocr.image.GrayImage;

/**
 * What counts as ink inside a region of a line: darker than the region's mid-grey, and only when the region
 * has clear contrast (a blank or washed-out region has no ink to snap to).
 */
final class InkThreshold {
    private static final int MIN_CONTRAST = 40;

    /**
     * {@link #of(GrayImage, int, int, int, int, double)}'s fraction for faint ink: faded thermal print can be
     * lighter than a region's mid-grey, and a cut or an end placed through it drops characters.
     */
    static final double FAINT = 0.75;

    private InkThreshold() {
    }

    /** The mid-grey of {@code [x0, x1) x [y0, y1)}, or -1 when its contrast is below {@value #MIN_CONTRAST}. */
    static int of(GrayImage image, int x0, int y0, int x1, int y1) {
        return of(image, x0, y0, x1, y1, 0.5);
    }

    /**
     * The grey at {@code towardsPaper} of the way from the darkest to the lightest pixel of the region (0.5: the
     * mid-grey), or -1 when its contrast is below {@value #MIN_CONTRAST}.
     */
    static int of(GrayImage image, int x0, int y0, int x1, int y1, double towardsPaper) {
        int[] range = range(image, x0, y0, x1, y1);
        int min = range[0];
        int max = range[1];
        return max - min < MIN_CONTRAST ? -1 : (int) (min + towardsPaper * (max - min));
    }

    /** The darkest and the lightest gray of {@code [x0, x1) x [y0, y1)}. */
    static int[] range(GrayImage image, int x0, int y0, int x1, int y1) {
        int min = 255;
        int max = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int v = image.at(x, y);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new int[] {min, max};
    }

    /** Whether {@code range} ({@link #range}) holds enough contrast for ink to be told from paper. */
    static boolean hasContrast(int[] range) {
        return range[1] - range[0] >= MIN_CONTRAST;
    }

    /** Two dark pixels in the column, so a single speck of noise does not count as ink. */
    static boolean columnHasInk(GrayImage image, int x, int y0, int y1, int threshold) {
        int dark = 0;
        for (int y = y0; y < y1; y++) {
            if (image.at(x, y) < threshold && ++dark >= 2) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first column holding ink from {@code from} up to {@code to} (exclusive) when {@code step} is 1, or down
     * to it when -1; -1 when none.
     */
    static int firstInkColumn(GrayImage image, int from, int to, int step, int y0, int y1, int threshold) {
        for (int x = from; step > 0 ? x < to : x > to; x += step) {
            if (columnHasInk(image, x, y0, y1, threshold)) {
                return x;
            }
        }
        return -1;
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
