package io.deepreader.ocr.preprocess;

import io.deepreader.ocr.geometry.Box;

/**
 * Maps boxes on the preprocessed page back to the original page's pixels. The preprocessed page is the
 * original rotated by {@code skewDegrees} about its centre onto a canvas enlarged so no corner is lost.
 * {@code inverse} is the 2x3 affine matrix (row-major) from preprocessed to original coordinates.
 */
public record PageTransform(double skewDegrees, int originalWidth, int originalHeight, double[] inverse) {

    public PageTransform {
        if (inverse.length != 6) {
            throw new IllegalArgumentException("affine matrix needs 6 values");
        }
        inverse = inverse.clone();
    }

    public static PageTransform identity(int width, int height) {
        return new PageTransform(0, width, height, new double[] {1, 0, 0, 0, 1, 0});
    }

    /** The smallest axis-aligned box in original pixels that holds the mapped corners, clipped to the page. */
    public Box toOriginal(Box box) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        double[][] corners = {{box.x(), box.y()}, {box.right(), box.y()}, {box.x(), box.bottom()}, {box.right(), box.bottom()}};
        for (double[] c : corners) {
            double x = inverse[0] * c[0] + inverse[1] * c[1] + inverse[2];
            double y = inverse[3] * c[0] + inverse[4] * c[1] + inverse[5];
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        return Box.ofCorners(Math.round(minX), Math.round(minY), Math.round(maxX), Math.round(maxY))
                .clippedTo(originalWidth, originalHeight);
    }

    @Override
    public double[] inverse() {
        return inverse.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageTransform t && t.skewDegrees == skewDegrees && t.originalWidth == originalWidth
                && t.originalHeight == originalHeight && java.util.Arrays.equals(t.inverse, inverse);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(skewDegrees, originalWidth, originalHeight, java.util.Arrays.hashCode(inverse));
    }

    @Override
    public String toString() {
        return "PageTransform[skew=" + skewDegrees + ", " + originalWidth + "x" + originalHeight + "]";
    }
}
