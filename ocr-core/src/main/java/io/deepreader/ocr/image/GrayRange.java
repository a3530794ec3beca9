package io.deepreader.ocr.image;

import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfFloat;
import org.opencv.core.MatOfInt;
import org.opencv.imgproc.Imgproc;

/**
 * A page's usable contrast: the gray of its darkest 0.05% of pixels (its ink: a single speck is far fewer
 * pixels, a receipt's text far more) and its 99th percentile (its paper). Contrast normalisation stretches
 * this range; a page whose range is under {@link #MIN_CONTRAST} is blank or nearly uniform, with nothing to
 * stretch and nothing to read. The ink end was the 1st percentile once: on a receipt whose text covers under
 * 1% of the page that is paper (SROIE has pages at 230-255), and the 10x stretch it caused cost both
 * detectors about 2 points of line F1 through the pipeline.
 */
public record GrayRange(int low, int high) {
    public static final int MIN_CONTRAST = 16;
    private static final double INK_FRACTION = 0.0005;

    public static GrayRange of(GrayImage page) {
        long[] histogram = new long[256];
        for (byte b : page.pixels()) {
            histogram[b & 0xff]++;
        }
        return of(histogram);
    }

    public static GrayRange of(Mat gray) {
        Mat hist = new Mat();
        try {
            Imgproc.calcHist(List.of(gray), new MatOfInt(0), new Mat(), hist, new MatOfInt(256), new MatOfFloat(0, 256));
            long[] histogram = new long[256];
            for (int level = 0; level < 256; level++) {
                histogram[level] = Math.round(hist.get(level, 0)[0]);
            }
            return of(histogram);
        } finally {
            hist.release();
        }
    }

    static GrayRange of(long[] histogram) {
        long total = 0;
        for (long count : histogram) {
            total += count;
        }
        return new GrayRange(percentile(histogram, total, INK_FRACTION), percentile(histogram, total, 0.99));
    }

    public boolean blank() {
        return high - low < MIN_CONTRAST;
    }

    private static int percentile(long[] histogram, long total, double fraction) {
        long seen = 0;
        for (int level = 0; level < 256; level++) {
            seen += histogram[level];
            if (seen >= total * fraction) {
                return level;
            }
        }
        return 255;
    }
}
