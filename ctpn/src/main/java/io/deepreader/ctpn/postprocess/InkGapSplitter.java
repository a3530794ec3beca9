package io.deepreader.ctpn.postprocess;

import static io.deepreader.ctpn.postprocess.InkThreshold.clamp;

import io.deepreader.ocr.image.GrayImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a connected line where its ink has a wide blank run. The network also fires on the paper between a
 * receipt's label and its amount, so the connector can bridge "TOTAL ... 12.00", which SROIE's truth keeps as
 * two lines; word spaces are well under one text height, column gaps are several. A column holds ink
 * when two of its pixels are darker than a grey close to the paper ({@link InkThreshold}).
 *
 * <p>A letter-spaced heading ("S I N   T H Y E   &amp;   C O M P A N Y") has word spaces wider than a text
 * height, so a rule in heights alone cuts it into its words. With a {@code spacingFactor}, a cut also needs a
 * blank run that many times the line's own median blank run (its glyph spacing): in normal print that median is
 * a small fraction of the height and the rule in heights decides; in letter-spaced print it is wide, and only a
 * run much wider than the line's own spacing is a column gap.
 */
public final class InkGapSplitter {
    /** Fewer blank runs than this and a median says nothing about the line's spacing. */
    private static final int MIN_RUNS_FOR_SPACING = 5;
    private final double gapFactor;
    private final double padFactor;
    private final double spacingFactor;

    /**
     * @param gapFactor blank run, in line heights, that splits a line ({@code <= 0}: never split)
     * @param padFactor each new end is padded by this fraction of the line height, like {@link InkTrim}
     */
    public InkGapSplitter(double gapFactor, double padFactor) {
        this(gapFactor, padFactor, 0);
    }

    /**
     * @param spacingFactor a cut also needs a blank run at least this many times the line's median blank run
     *                      ({@code <= 0}: heights alone decide)
     */
    public InkGapSplitter(double gapFactor, double padFactor, double spacingFactor) {
        this.gapFactor = gapFactor;
        this.padFactor = padFactor;
        this.spacingFactor = spacingFactor;
    }

    /** The line's {@code [left, right]} pieces, left to right; the whole line when there is nothing to cut. */
    public List<double[]> split(GrayImage image, double left, double top, double right, double bottom) {
        List<double[]> whole = List.of(new double[] {left, right});
        double height = bottom - top;
        if (gapFactor <= 0 || height <= 0) {
            return whole;
        }
        int x0 = clamp((int) Math.floor(left), 0, image.width() - 1);
        int x1 = clamp((int) Math.ceil(right), x0 + 1, image.width());
        int y0 = clamp((int) Math.floor(top), 0, image.height() - 1);
        int y1 = clamp((int) Math.ceil(bottom), y0 + 1, image.height());
        // Any grey a quarter of the way from the paper counts as ink: a cut through faded print drops characters.
        int threshold = InkThreshold.of(image, x0, y0, x1, y1, InkThreshold.FAINT);
        if (threshold < 0) {
            return whole;
        }
        boolean[] ink = new boolean[x1 - x0];
        for (int x = x0; x < x1; x++) {
            ink[x - x0] = InkThreshold.columnHasInk(image, x, y0, y1, threshold);
        }
        double minGap = Math.max(gapFactor * height, spacingFactor * medianBlankRun(ink));
        double pad = padFactor * height;
        List<double[]> pieces = new ArrayList<>();
        double pieceLeft = left;
        int lastInk = -1;
        for (int i = 0; i < ink.length; i++) {
            if (!ink[i]) {
                continue;
            }
            if (lastInk >= 0 && i - lastInk - 1 >= minGap) {
                pieces.add(new double[] {pieceLeft, Math.min(right, x0 + lastInk + 1 + pad)});
                pieceLeft = Math.max(left, x0 + i - pad);
            }
            lastInk = i;
        }
        if (pieces.isEmpty()) {
            return whole;
        }
        pieces.add(new double[] {pieceLeft, right});
        return List.copyOf(pieces);
    }

    /** The median width of the blank runs between ink columns; 0 when there are too few to tell. */
    static double medianBlankRun(boolean[] ink) {
        List<Integer> runs = new ArrayList<>();
        int lastInk = -1;
        for (int i = 0; i < ink.length; i++) {
            if (ink[i]) {
                if (lastInk >= 0 && i - lastInk > 1) {
                    runs.add(i - lastInk - 1);
                }
                lastInk = i;
            }
        }
        if (runs.size() < MIN_RUNS_FOR_SPACING) {
            return 0;
        }
        runs.sort(null);
        return runs.get(runs.size() / 2);
    }
}
