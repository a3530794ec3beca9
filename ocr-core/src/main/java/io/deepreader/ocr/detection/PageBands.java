package io.deepreader.ocr.detection;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import java.util.ArrayList;
import java.util.List;

/**
 * How a detector whose input is limited to {@code maxSide} pixels covers a page. A page whose longest side fits,
 * or that is at most {@link #MAX_ASPECT} times as tall as it is wide, is one band at scale
 * {@code min(1, maxSide / longest side)}: the single resize detectors always did. A taller page (a long
 * receipt, issue 19 case 4) would lose its print to that resize (a 1200x20000 receipt shrinks 16-fold to
 * 1280 px), so it is scaled by its width instead, {@code min(1, maxSide / width)}, and cut into horizontal bands
 * of {@code maxSide} scaled rows that overlap by {@link #OVERLAP} of a band: no band holds more pixels than a
 * {@code maxSide} x {@code maxSide} page, the most a detector ran on before. Each band's lines are kept by the
 * band that holds their centre, and what two bands still both found is merged into one line.
 */
public record PageBands(double scale, List<Band> bands) {

    /**
     * Above this height-to-width ratio a page is cut into bands. SROIE's tallest receipt is 3.80 times its width
     * (937x3556; all 400 of 0-399 measured), so every SROIE-sized receipt keeps the single resize.
     */
    public static final double MAX_ASPECT = 4.0;

    /**
     * Rows shared by neighbouring bands, as a fraction of a band: 256 scaled rows at CTPN's 1280, 400 at the
     * OpenCV detector's 2000, several times the tallest receipt line (SROIE's titles are under 100 px), so a
     * line cut by one band's edge lies whole in the band that keeps it.
     */
    public static final double OVERLAP = 0.2;

    /** Two lines from neighbouring bands are one when their intersection covers this much of the smaller. */
    static final double SAME_LINE = 0.5;

    /**
     * Rows {@code [top, bottom)} of the page that one band holds; it keeps the lines whose centre lies in
     * {@code [keepTop, keepBottom)}.
     */
    public record Band(int top, int bottom, int keepTop, int keepBottom) {
        public int height() {
            return bottom - top;
        }
    }

    public PageBands {
        bands = List.copyOf(bands);
    }

    public static PageBands plan(int width, int height, int maxSide) {
        if (height <= maxSide || height <= MAX_ASPECT * width) {
            double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
            return new PageBands(scale, List.of(new Band(0, height, 0, height)));
        }
        double scale = Math.min(1.0, (double) maxSide / width);
        int bandHeight = (int) Math.floor(maxSide / scale);
        int overlap = (int) Math.ceil(bandHeight * OVERLAP);
        int step = bandHeight - overlap;
        int count = (int) Math.ceil((double) (height - bandHeight) / step) + 1;
        int[] tops = new int[count];
        for (int i = 0; i < count; i++) {
            tops[i] = i == count - 1 ? height - bandHeight : i * step;
        }
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int bottom = tops[i] + bandHeight;
            int keepTop = i == 0 ? 0 : (tops[i] + tops[i - 1] + bandHeight) / 2;
            int keepBottom = i == count - 1 ? height : (tops[i + 1] + bottom) / 2;
            bands.add(new Band(tops[i], bottom, keepTop, keepBottom));
        }
        return new PageBands(scale, bands);
    }

    public boolean banded() {
        return bands.size() > 1;
    }

    /** The band's rows of the page (full width), as their own image. */
    public static GrayImage crop(GrayImage page, Band band) {
        byte[] px = new byte[page.width() * band.height()];
        System.arraycopy(page.pixels(), band.top() * page.width(), px, 0, px.length);
        return new GrayImage(page.width(), band.height(), px);
    }

    /**
     * The page's lines from each band's lines (given in that band's pixels, in the order of {@link #bands()}):
     * moved to page pixels, kept by the band holding their centre; a line that two neighbouring bands both kept
     * (a detector's box of a cut line can reach past the middle of the overlap) becomes the larger of the two.
     */
    public List<DetectedLine> merge(List<List<DetectedLine>> perBand) {
        if (perBand.size() != bands.size()) {
            throw new IllegalArgumentException(perBand.size() + " band results for " + bands.size() + " bands");
        }
        List<DetectedLine> kept = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            for (DetectedLine l : perBand.get(i)) {
                Box b = l.box();
                Box moved = new Box(b.x(), b.y() + band.top(), b.width(), b.height());
                if (moved.centerY() >= band.keepTop() && moved.centerY() < band.keepBottom()) {
                    kept.add(new DetectedLine(moved, l.score()));
                    from.add(i);
                }
            }
        }
        boolean[] dropped = new boolean[kept.size()];
        for (int a = 0; a < kept.size(); a++) {
            for (int b = a + 1; b < kept.size() && !dropped[a]; b++) {
                if (dropped[b] || Math.abs(from.get(a) - from.get(b)) != 1) {
                    continue;
                }
                Box x = kept.get(a).box();
                Box y = kept.get(b).box();
                if (x.intersectionArea(y) >= SAME_LINE * Math.min(x.area(), y.area())) {
                    if (x.area() >= y.area()) {
                        dropped[b] = true;
                    } else {
                        dropped[a] = true;
                    }
                }
            }
        }
        List<DetectedLine> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            if (!dropped[i]) {
                out.add(kept.get(i));
            }
        }
        return out;
    }
}
