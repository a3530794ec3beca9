package io.deepreader.ocr.image;

import io.deepreader.ocr.geometry.Box;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A page shrunk so its longest side is at most {@code maxSide} (never enlarged), with the factor kept so
 * boxes found on it map back to the original pixels. INTER_AREA avoids the aliasing that thin strokes of
 * 5000x7000 scans would suffer from bilinear sampling.
 */
public record ScaledPage(GrayImage image, double scale) {

    public static ScaledPage of(GrayImage page, int maxSide) {
        return at(page, Math.min(1.0, (double) maxSide / Math.max(page.width(), page.height())));
    }

    /** The page resized by {@code scale}; a scale of 1 or more keeps the page itself (never enlarged). */
    public static ScaledPage at(GrayImage page, double scale) {
        if (scale >= 1.0) {
            return new ScaledPage(page, 1.0);
        }
        OpenCv.load();
        Mat src = OpenCv.toMat(page);
        Mat dst = new Mat();
        try {
            int w = Math.max(1, (int) Math.round(page.width() * scale));
            int h = Math.max(1, (int) Math.round(page.height() * scale));
            Imgproc.resize(src, dst, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
            return new ScaledPage(OpenCv.toGray(dst), scale);
        } finally {
            src.release();
            dst.release();
        }
    }

    /** A box on the scaled page in the original page's pixels, clipped to the original. */
    public Box toOriginal(Box box, int originalWidth, int originalHeight) {
        return box.scaled(1 / scale).clippedTo(originalWidth, originalHeight);
    }
}
