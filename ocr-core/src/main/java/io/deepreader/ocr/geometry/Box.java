package io.deepreader.ocr.geometry;

import java.util.List;

/** Axis-aligned rectangle in integer pixels; {@code x,y} is the top-left corner. */
public record Box(int x, int y, int width, int height) {

    public Box {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative box size: " + width + "x" + height);
        }
    }

    public static Box ofCorners(double x1, double y1, double x2, double y2) {
        int left = (int) Math.floor(Math.min(x1, x2));
        int top = (int) Math.floor(Math.min(y1, y2));
        int right = (int) Math.ceil(Math.max(x1, x2));
        int bottom = (int) Math.ceil(Math.max(y1, y2));
        return new Box(left, top, right - left, bottom - top);
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    public long area() {
        return (long) width * height;
    }

    public double centerX() {
        return x + width / 2.0;
    }

    public double centerY() {
        return y + height / 2.0;
    }

    public Box union(Box other) {
        return ofCorners(Math.min(x, other.x), Math.min(y, other.y),
                Math.max(right(), other.right()), Math.max(bottom(), other.bottom()));
    }

    public long intersectionArea(Box other) {
        long w = Math.min(right(), other.right()) - Math.max(x, other.x);
        long h = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union, 0 when either box is empty. */
    public double iou(Box other) {
        long inter = intersectionArea(other);
        long union = area() + other.area() - inter;
        return union <= 0 ? 0 : (double) inter / union;
    }

    /** Fraction of the smaller height that the two boxes share vertically. */
    public double verticalOverlap(Box other) {
        int overlap = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        int smaller = Math.min(height, other.height);
        return smaller <= 0 || overlap <= 0 ? 0 : (double) overlap / smaller;
    }

    /**
     * This box, given on a {@code pageWidth} x {@code pageHeight} page whose content is rotated
     * {@code orientationDegrees} (0, 90, 180, 270) clockwise, in the pixels of that page turned upright.
     */
    public Box turnedUpright(int orientationDegrees, int pageWidth, int pageHeight) {
        return switch (orientationDegrees) {
            case 0 -> this;
            case 90 -> ofCorners(y, pageWidth - right(), bottom(), pageWidth - x);
            case 180 -> ofCorners(pageWidth - right(), pageHeight - bottom(), pageWidth - x, pageHeight - y);
            case 270 -> ofCorners(pageHeight - bottom(), x, pageHeight - y, right());
            default -> throw new IllegalArgumentException("orientation must be 0, 90, 180 or 270: " + orientationDegrees);
        };
    }

    /** This box on a {@code pageWidth} wide page, in the pixels of that page flipped left to right. */
    public Box flippedLeftRight(int pageWidth) {
        return ofCorners(pageWidth - right(), y, pageWidth - x, bottom());
    }

    /** The median height of {@code boxes} (the upper one of an even count), 0 when there are none. */
    public static int medianHeight(List<Box> boxes) {
        if (boxes.isEmpty()) {
            return 0;
        }
        int[] heights = boxes.stream().mapToInt(Box::height).sorted().toArray();
        return heights[heights.length / 2];
    }

    public Box scaled(double factor) {
        return ofCorners(x * factor, y * factor, right() * factor, bottom() * factor);
    }

    public Box padded(int pad) {
        return new Box(x - pad, y - pad, width + 2 * pad, height + 2 * pad);
    }

    /** This box cut to {@code [0,w) x [0,h)}; may come out empty. */
    public Box clippedTo(int w, int h) {
        int left = Math.max(0, Math.min(x, w));
        int top = Math.max(0, Math.min(y, h));
        int right = Math.max(left, Math.min(right(), w));
        int bottom = Math.max(top, Math.min(bottom(), h));
        return new Box(left, top, right - left, bottom - top);
    }
}
