package io.deepreader.ocr.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Objects;

/**
 * An 8-bit grayscale raster held on the Java heap, row-major, one byte a pixel.
 * The common currency between decoding, OpenCV, TensorFlow and Tesseract: no native memory to release.
 */
public final class GrayImage {
    private final int width;
    private final int height;
    private final byte[] pixels;

    public GrayImage(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty image: " + width + "x" + height);
        }
        if (pixels.length != Math.multiplyExact(width, height)) {
            throw new IllegalArgumentException("pixel buffer " + pixels.length + " != " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /**
     * Converts any image to 8-bit gray with Java2D's colour conversion. Transparent pixels (RGBA, gray+alpha,
     * palette with tRNS) are composited on white, as a viewer shows them on paper: drawn on the new image's
     * zero-filled raster they became black, and a page of black ink on transparency read as all black.
     */
    public static GrayImage from(BufferedImage image) {
        BufferedImage gray = image;
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            var g = gray.createGraphics();
            try {
                if (image.getColorModel().hasAlpha()) {
                    g.setColor(java.awt.Color.WHITE);
                    g.fillRect(0, 0, image.getWidth(), image.getHeight());
                }
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        byte[] data = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
        int w = gray.getWidth();
        int h = gray.getHeight();
        if (data.length == w * h) {
            return new GrayImage(w, h, data.clone());
        }
        byte[] packed = new byte[w * h];
        gray.getRaster().getDataElements(0, 0, w, h, packed);
        return new GrayImage(w, h, packed);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        return image;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array, shared, not copied: callers must not modify it. */
    public byte[] pixels() {
        return pixels;
    }

    public int at(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrayImage g && g.width == width && g.height == height
                && java.util.Arrays.equals(g.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, java.util.Arrays.hashCode(pixels));
    }

    @Override
    public String toString() {
        return "GrayImage[" + width + "x" + height + "]";
    }
}
