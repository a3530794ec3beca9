package io.deepreader.ocr.preprocess;

import io.deepreader.ocr.geometry.Box;

/**
 * Maps boxes on the preprocessed page back to the original page's pixels. The preprocessed page is the
 * original, first flipped left to right when {@code mirrored} (a front camera's EXIF Orientation 2, 4, 5, 7),
 * turned upright by {@code orientationDegrees} (a multiple of 90: the original's content was
 * rotated that far clockwise, so it was turned back counter-clockwise), then rotated by {@code skewDegrees}
 * about its centre onto a canvas enlarged so no corner is lost. {@code inverse} is the 2x3 affine matrix
 * (row-major) from preprocessed to original coordinates, all steps composed.
 */
public record PageTransform(int orientationDegrees, double skewDegrees, int originalWidth, int originalHeight,
                            double[] inverse, boolean mirrored) {

    public PageTransform {
        if (inverse.length != 6) {
            throw new IllegalArgumentException("affine matrix needs 6 values");
        }
        if (orientationDegrees % 90 != 0 || orientationDegrees < 0 || orientationDegrees >= 360) {
            throw new IllegalArgumentException("orientation must be 0, 90, 180 or 270: " + orientationDegrees);
        }
        inverse = inverse.clone();
    }

    /** Not mirrored. */
    public PageTransform(int orientationDegrees, double skewDegrees, int originalWidth, int originalHeight,
                         double[] inverse) {
        this(orientationDegrees, skewDegrees, originalWidth, originalHeight, inverse, false);
    }

    /** A deskew-only transform (the page was upright). */
    public PageTransform(double skewDegrees, int originalWidth, int originalHeight, double[] inverse) {
        this(0, skewDegrees, originalWidth, originalHeight, inverse);
    }

    public static PageTransform identity(int width, int height) {
        return new PageTransform(0, 0, width, height, new double[] {1, 0, 0, 0, 1, 0});
    }

    /**
     * The exact quarter turn that makes a {@code width} x {@code height} page upright when its content is
     * rotated {@code orientationDegrees} clockwise. Pixel edges map onto pixel edges (continuous
     * coordinates), so a box's exclusive right/bottom edges survive the round trip exactly.
     */
    public static PageTransform upright(int orientationDegrees, int width, int height) {
        double[] inverse = switch (orientationDegrees) {
            case 0 -> new double[] {1, 0, 0, 0, 1, 0};
            // turned counter-clockwise: upright (x, y) came from original (W - y, x)
            case 90 -> new double[] {0, -1, width, 1, 0, 0};
            case 180 -> new double[] {-1, 0, width, 0, -1, height};
            // turned clockwise: upright (x, y) came from original (y, H - x)
            case 270 -> new double[] {0, 1, 0, -1, 0, height};
            default -> throw new IllegalArgumentException("orientation must be 0, 90, 180 or 270: " + orientationDegrees);
        };
        return new PageTransform(orientationDegrees, 0, width, height, inverse);
    }

    /**
     * As {@link #upright(int, int, int)}, after flipping the page left to right when {@code mirrored}: upright
     * (x, y) came from the flipped page's (x', y'), which is the original's (W - x', y').
     */
    public static PageTransform upright(int orientationDegrees, boolean mirrored, int width, int height) {
        PageTransform turn = upright(orientationDegrees, width, height);
        if (!mirrored) {
            return turn;
        }
        double[] a = turn.inverse;
        return new PageTransform(orientationDegrees, 0, width, height,
                new double[] {-a[0], -a[1], width - a[2], a[3], a[4], a[5]}, true);
    }

    /** This transform followed by a deskew whose own inverse maps the deskewed page to this one's output. */
    public PageTransform thenDeskew(double degrees, double[] deskewInverse) {
        double[] a = inverse;
        double[] d = deskewInverse;
        double[] composed = {
            a[0] * d[0] + a[1] * d[3], a[0] * d[1] + a[1] * d[4], a[0] * d[2] + a[1] * d[5] + a[2],
            a[3] * d[0] + a[4] * d[3], a[3] * d[1] + a[4] * d[4], a[3] * d[2] + a[4] * d[5] + a[5]};
        return new PageTransform(orientationDegrees, degrees, originalWidth, originalHeight, composed, mirrored);
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
        return o instanceof PageTransform t && t.orientationDegrees == orientationDegrees && t.mirrored == mirrored
                && t.skewDegrees == skewDegrees
                && t.originalWidth == originalWidth && t.originalHeight == originalHeight
                && java.util.Arrays.equals(t.inverse, inverse);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(orientationDegrees, mirrored, skewDegrees, originalWidth, originalHeight,
                java.util.Arrays.hashCode(inverse));
    }

    @Override
    public String toString() {
        return "PageTransform[orientation=" + orientationDegrees + (mirrored ? ", mirrored" : "") + ", skew="
                + skewDegrees + ", " + originalWidth + "x" + originalHeight + "]";
    }
}
