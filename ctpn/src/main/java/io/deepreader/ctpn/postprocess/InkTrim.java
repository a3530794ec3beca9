package io.deepreader.ctpn.postprocess;

import static io.deepreader.ctpn.postprocess.InkThreshold.clamp;

import io.deepreader.ocr.image.GrayImage;

/**
 * Side refinement in pixels instead of CTPN's learned side offsets: a line's ends are quantised to the
 * 16-px anchor grid, which costs short words (a 40-px "TAX") their IoU. Within one anchor width of each
 * end, the end is moved to the outermost column that holds ink inside the line's band, then padded like
 * the ground truth. Lines without clear ink contrast are left alone.
 */
public final class InkTrim {
    private final int reach;
    private final double padFactor;

    public InkTrim(int reach, double padFactor) {
        this.reach = reach;
        this.padFactor = padFactor;
    }

    /** {@code [left, right]} refined, in the image's pixels. */
    public double[] refine(GrayImage image, double left, double top, double right, double bottom) {
        int y0 = clamp((int) Math.floor(top), 0, image.height() - 1);
        int y1 = clamp((int) Math.ceil(bottom), y0 + 1, image.height());
        int x0 = clamp((int) Math.floor(left) - reach, 0, image.width() - 1);
        int x1 = clamp((int) Math.ceil(right) + reach, x0 + 1, image.width());
        int threshold = InkThreshold.of(image, x0, y0, x1, y1);
        if (threshold < 0) {
            return new double[] {left, right};
        }
        int first = -1;
        for (int x = x0; x < Math.min(x1, (int) Math.ceil(left) + reach); x++) {
            if (InkThreshold.columnHasInk(image, x, y0, y1, threshold)) {
                first = x;
                break;
            }
        }
        int last = -1;
        for (int x = x1 - 1; x >= Math.max(x0, (int) Math.floor(right) - reach); x--) {
            if (InkThreshold.columnHasInk(image, x, y0, y1, threshold)) {
                last = x;
                break;
            }
        }
        double pad = padFactor * (bottom - top);
        double newLeft = first >= 0 ? Math.max(0, first - pad) : left;
        double newRight = last >= 0 ? Math.min(image.width(), last + 1 + pad) : right;
        if (newRight - newLeft < 2) {
            return new double[] {left, right};
        }
        return new double[] {newLeft, newRight};
    }

    /**
     * {@code [top, bottom]} snapped to the ink: CTPN's fitted band can sit a few pixels off the glyphs (and
     * Tesseract then reads clipped characters). From the inkiest row inside the band, grows up and down while
     * rows still hold ink (line spacing leaves blank rows between lines), searching half a height beyond the
     * band, then pads by {@code padFactor} of the ink height. Keeps the band when the result is implausible.
     */
    public double[] refineVertical(GrayImage image, double left, double top, double right, double bottom) {
        double h = bottom - top;
        int x0 = clamp((int) Math.floor(left), 0, image.width() - 1);
        int x1 = clamp((int) Math.ceil(right), x0 + 1, image.width());
        int y0 = clamp((int) Math.floor(top - h / 2), 0, image.height() - 1);
        int y1 = clamp((int) Math.ceil(bottom + h / 2), y0 + 1, image.height());
        int threshold = InkThreshold.of(image, x0, y0, x1, y1);
        if (threshold < 0) {
            return new double[] {top, bottom};
        }
        int[] ink = new int[y1 - y0];
        for (int y = y0; y < y1; y++) {
            int n = 0;
            for (int x = x0; x < x1; x++) {
                if (image.at(x, y) < threshold) {
                    n++;
                }
            }
            ink[y - y0] = n;
        }
        int bandTop = clamp((int) Math.floor(top), y0, y1 - 1);
        int bandBottom = clamp((int) Math.ceil(bottom), bandTop + 1, y1);
        int best = -1;
        for (int y = bandTop; y < bandBottom; y++) {
            if (best < 0 || ink[y - y0] > ink[best - y0]) {
                best = y;
            }
        }
        // A row "has ink" above a small fraction of the width, so specks and underline stubs do not chain lines.
        int minInk = Math.max(1, (x1 - x0) / 100);
        if (best < 0 || ink[best - y0] < minInk) {
            return new double[] {top, bottom};
        }
        int a = best;
        while (a > y0 && ink[a - 1 - y0] >= minInk) {
            a--;
        }
        int b = best;
        while (b < y1 - 1 && ink[b + 1 - y0] >= minInk) {
            b++;
        }
        double inkHeight = b + 1 - a;
        if (inkHeight < h * 0.4 || inkHeight > h * 1.6) {
            return new double[] {top, bottom};
        }
        double pad = padFactor * inkHeight * 1.5;
        return new double[] {Math.max(0, a - pad), Math.min(image.height(), b + 1 + pad)};
    }
}
