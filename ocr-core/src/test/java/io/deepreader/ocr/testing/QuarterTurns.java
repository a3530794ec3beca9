package io.deepreader.ocr.testing;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;

/** Exact quarter turns of test pages, pixel for pixel (no resampling), and where a box lands. */
public final class QuarterTurns {
    private QuarterTurns() {
    }

    /** {@code page} turned {@code degrees} (0, 90, 180, 270) clockwise. */
    public static GrayImage clockwise(GrayImage page, int degrees) {
        int w = page.width();
        int h = page.height();
        boolean swap = degrees % 180 != 0;
        int nw = swap ? h : w;
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int nx;
                int ny;
                switch (degrees) {
                    case 0 -> { nx = x; ny = y; }
                    case 90 -> { nx = h - 1 - y; ny = x; }
                    case 180 -> { nx = w - 1 - x; ny = h - 1 - y; }
                    case 270 -> { nx = y; ny = w - 1 - x; }
                    default -> throw new IllegalArgumentException("not a quarter turn: " + degrees);
                }
                out[ny * nw + nx] = page.pixels()[y * w + x];
            }
        }
        return swap ? new GrayImage(h, w, out) : new GrayImage(w, h, out);
    }

    /** Where {@code box} on an upright {@code width} x {@code height} page lies after the page is turned clockwise. */
    public static Box clockwise(Box box, int degrees, int width, int height) {
        return switch (degrees) {
            case 0 -> box;
            case 90 -> Box.ofCorners(height - box.bottom(), box.x(), height - box.y(), box.right());
            case 180 -> Box.ofCorners(width - box.right(), height - box.bottom(), width - box.x(), height - box.y());
            case 270 -> Box.ofCorners(box.y(), width - box.right(), box.bottom(), width - box.x());
            default -> throw new IllegalArgumentException("not a quarter turn: " + degrees);
        };
    }
}
