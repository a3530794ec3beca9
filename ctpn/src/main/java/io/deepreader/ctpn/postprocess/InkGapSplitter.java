package io.deepreader.ctpn.postprocess;

import io.deepreader.ocr.image.GrayImage;
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
public final class InkGapSplitter implements LineCutter {
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

    @Override
    public List<List<double[]>> cut(GrayImage image, List<TextBand> bands) {
        return bands.stream().map(b -> split(image, b.left(), b.top(), b.right(), b.bottom())).toList();
    }

    /** The line's {@code [left, right]} pieces, left to right; the whole line when there is nothing to cut. */
    public List<double[]> split(GrayImage image, double left, double top, double right, double bottom) {
        List<double[]> whole = List.of(new double[] {left, right});
        double height = bottom - top;
        if (gapFactor <= 0 || height <= 0) {
            return whole;
        }
        // Any grey a quarter of the way from the paper counts as ink: a cut through faded print drops characters.
        List<LineInk.Run> runs = LineInk.of(image, left, top, right, bottom).blankRuns();
        double minGap = Math.max(gapFactor * height, spacingFactor * medianBlankRun(runs));
        List<LineInk.Run> cuts = runs.stream().filter(r -> r.width() >= minGap).toList();
        return new TextBand(left, top, right, bottom, 0).cutAt(cuts, padFactor);
    }

    /** The median width of the blank runs between ink columns; 0 when there are too few to tell. */
    static double medianBlankRun(List<LineInk.Run> runs) {
        if (runs.size() < MIN_RUNS_FOR_SPACING) {
            return 0;
        }
        List<Integer> widths = runs.stream().map(LineInk.Run::width).sorted().toList();
        return widths.get(widths.size() / 2);
    }
}
