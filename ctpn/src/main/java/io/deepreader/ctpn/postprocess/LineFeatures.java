package io.deepreader.ctpn.postprocess;

import static io.deepreader.ctpn.postprocess.InkThreshold.clamp;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import java.util.ArrayList;
import java.util.List;

/**
 * What tells a detected line of text from a detection on something else (a logo, a stamp, a rule, handwriting,
 * the receipt's edge): the network's score, its size against the page's other lines, how its ink is spread
 * (strokes with many ink-to-paper changes along the middle row, or one solid blob), its contrast and where it
 * sits. One vector per piece, in {@link #FEATURES} order; {@link LearnedLineCheck} scores them.
 */
public final class LineFeatures {
    /** The feature vector's names, in order; a line-check model names them too, so a mismatch is caught on load. */
    public static final List<String> FEATURES = List.of("score", "relh", "aspect", "density", "inkcols", "contrast",
            "darkest", "paper", "xrel", "yrel", "edgel", "edger", "gaps", "pieces", "share", "changes", "solid",
            "rowmates", "inkh");

    /** A piece of band {@code band}: its {@code [left, right]} in the band's rows. */
    public record Piece(int band, double left, double right) {
        /** Its box, in the pixels of the page {@code bands} were found on. */
        public Box box(List<TextBand> bands) {
            TextBand b = bands.get(band);
            return Box.ofCorners(left, b.top(), right, b.bottom());
        }
    }

    private LineFeatures() {
    }

    /** Per piece (same order), its features, the ink measured on {@code image}. */
    public static List<double[]> of(GrayImage image, List<TextBand> bands, List<Piece> pieces) {
        List<Double> heights = new ArrayList<>(bands.stream().map(TextBand::height).sorted().toList());
        double medianHeight = heights.isEmpty() ? 1 : Math.max(1, heights.get(heights.size() / 2));
        int[] perBand = new int[bands.size()];
        pieces.forEach(p -> perBand[p.band()]++);
        List<double[]> out = new ArrayList<>();
        for (Piece p : pieces) {
            out.add(features(image, bands, pieces, p, perBand[p.band()], medianHeight));
        }
        return out;
    }

    private static double[] features(GrayImage image, List<TextBand> bands, List<Piece> pieces, Piece p, int siblings,
                                     double medianHeight) {
        TextBand band = bands.get(p.band());
        double h = Math.max(1, band.height());
        int x0 = clamp((int) Math.floor(p.left()), 0, image.width() - 1);
        int x1 = clamp((int) Math.ceil(p.right()), x0 + 1, image.width());
        int y0 = clamp((int) Math.floor(band.top()), 0, image.height() - 1);
        int y1 = clamp((int) Math.ceil(band.bottom()), y0 + 1, image.height());
        int[] range = InkThreshold.range(image, x0, y0, x1, y1);
        int min = range[0];
        int max = range[1];
        int threshold = (min + max) / 2;
        boolean contrast = InkThreshold.hasContrast(range);
        long dark = 0;
        int inkCols = 0;
        int solidCols = 0;
        int rowsWithInk = 0;
        int[] rowInk = new int[y1 - y0];
        for (int x = x0; x < x1; x++) {
            int col = 0;
            for (int y = y0; y < y1; y++) {
                if (contrast && image.at(x, y) < threshold) {
                    col++;
                    rowInk[y - y0]++;
                }
            }
            dark += col;
            inkCols += col >= 2 ? 1 : 0;
            solidCols += col >= 0.8 * (y1 - y0) ? 1 : 0;
        }
        for (int r : rowInk) {
            rowsWithInk += r > 0 ? 1 : 0;
        }
        int mid = (y0 + y1) / 2;
        int changes = 0;
        boolean prev = false;
        for (int x = x0; x < x1; x++) {
            boolean ink = contrast && image.at(x, mid) < threshold;
            changes += ink != prev ? 1 : 0;
            prev = ink;
        }
        double width = x1 - x0;
        double area = width * (y1 - y0);
        LineInk ink = LineInk.of(image, p.left(), band.top(), p.right(), band.bottom());
        long gaps = ink.blankRuns().stream().filter(r -> r.width() >= 0.3 * h).count();
        int rowmates = 0;
        for (Piece o : pieces) {
            TextBand ob = bands.get(o.band());
            if (o != p && Math.min(ob.bottom(), band.bottom()) - Math.max(ob.top(), band.top()) > 0.5 * h) {
                rowmates++;
            }
        }
        double cx = (p.left() + p.right()) / 2;
        double cy = (band.top() + band.bottom()) / 2;
        return new double[] {band.score(), h / medianHeight, width / h, dark / area, inkCols / width,
            (max - min) / 255.0, min / 255.0, max / 255.0, cx / image.width(), cy / image.height(), p.left() / h,
            (image.width() - p.right()) / h, gaps / (width / h), siblings, width / Math.max(1, band.right() - band.left()),
            changes / (width / h), solidCols / width, rowmates, rowsWithInk / (double) (y1 - y0)};
    }
}
