package io.deepreader.ocr.image;

/**
 * Standard deviation of a page's pixel noise, by Immerkær's estimator ("Fast Noise Variance Estimation",
 * CVIU 1996): the mean absolute response to a Laplacian-difference mask that cancels smooth image structure,
 * scaled by sqrt(pi/2) / 6. Text edges add a little; scanner and sensor noise dominate on noisy pages.
 */
public final class NoiseLevel {
    private NoiseLevel() {
    }

    public static double sigma(GrayImage image) {
        int w = image.width();
        int h = image.height();
        if (w < 3 || h < 3) {
            return 0;
        }
        byte[] px = image.pixels();
        long sum = 0;
        for (int y = 1; y < h - 1; y++) {
            int r = y * w;
            for (int x = 1; x < w - 1; x++) {
                int c = r + x;
                // Mask [1 -2 1; -2 4 -2; 1 -2 1].
                int v = (px[c - w - 1] & 0xff) - 2 * (px[c - w] & 0xff) + (px[c - w + 1] & 0xff)
                        - 2 * (px[c - 1] & 0xff) + 4 * (px[c] & 0xff) - 2 * (px[c + 1] & 0xff)
                        + (px[c + w - 1] & 0xff) - 2 * (px[c + w] & 0xff) + (px[c + w + 1] & 0xff);
                sum += Math.abs(v);
            }
        }
        return Math.sqrt(Math.PI / 2) * sum / (6.0 * (w - 2) * (h - 2));
    }
}
