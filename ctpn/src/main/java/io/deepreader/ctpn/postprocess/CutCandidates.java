package io.deepreader.ctpn.postprocess;

import io.deepreader.ocr.image.GrayImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The blank runs inside a page's text bands where a band might be cut into two lines, each described by what
 * tells a column gap (SROIE's "TOTAL" | "12.00", "QTY" | "RM") from a word space: its width in line heights and
 * in the line's own glyph pitch, the glyphs on either side, the other runs of the band, where it sits on the
 * page, and whether the rows above and below are blank across it (a table column). {@link LearnedCuts}
 * scores them; the {@code train-cuts} command learns from them.
 */
public final class CutCandidates {
    /** The feature vector's names, in order: a cut model names them too, so a mismatch is caught on load. */
    public static final List<String> FEATURES = List.of("g", "gs", "ncand", "maxother", "widest", "leftlen",
            "rightlen", "segleft", "segright", "colblank", "colspan", "xrel", "relh", "pitch", "lglyph", "rglyph",
            "linew", "gp", "gp2", "cbf");
    /** Rows this many band heights away or more say nothing about a column at this band. */
    private static final double NEIGHBOUR_ROWS = 8;
    /** Runs under this fraction of the height are spacing inside a word (the glyph pitch's blank part). */
    private static final double GLYPH_SPACE = 0.3;
    private static final int MIN_RUNS_FOR_SPACING = 5;

    /** A blank run of band {@code band} that might be cut, with its features in {@link #FEATURES} order. */
    public record Candidate(int band, LineInk.Run run, double[] features) {
    }

    private final double minGap;

    /** @param minGap the narrowest run, in band heights, that is a candidate */
    public CutCandidates(double minGap) {
        this.minGap = minGap;
    }

    /** Per band (same order), its candidates left to right, the ink measured on {@code image}. */
    public List<List<Candidate>> of(GrayImage image, List<TextBand> bands) {
        LineInk[] inks = bands.stream().map(b -> LineInk.of(image, b.left(), b.top(), b.right(), b.bottom()))
                .toArray(LineInk[]::new);
        return of(inks, bands, image.width());
    }

    /** Per band (same order), its candidates left to right, from each band's ink columns. */
    public List<List<Candidate>> of(LineInk[] inks, List<TextBand> bands, int pageWidth) {
        List<Double> heights = new ArrayList<>(bands.stream().map(TextBand::height).sorted().toList());
        double medianHeight = heights.isEmpty() ? 1 : heights.get(heights.size() / 2);
        List<List<Candidate>> out = new ArrayList<>();
        for (int b = 0; b < bands.size(); b++) {
            out.add(ofBand(b, inks, bands, pageWidth, medianHeight));
        }
        return out;
    }

    private List<Candidate> ofBand(int b, LineInk[] inks, List<TextBand> bands, int pageWidth, double medianHeight) {
        TextBand band = bands.get(b);
        double h = band.height();
        LineInk ink = inks[b];
        int[] ext = ink.inkExtent();
        if (ext == null || h <= 0) {
            return List.of();
        }
        List<LineInk.Run> runs = ink.blankRuns();
        List<Integer> glyphs = new ArrayList<>();
        int prevEnd = ext[0];
        for (LineInk.Run r : runs) {
            glyphs.add(r.start() - prevEnd);
            prevEnd = r.end();
        }
        glyphs.add(ext[1] - prevEnd);
        List<Integer> widths = runs.stream().map(LineInk.Run::width).sorted().toList();
        double medianRun = widths.size() >= MIN_RUNS_FOR_SPACING ? widths.get(widths.size() / 2) : 0;
        List<Integer> spaces = widths.stream().filter(w -> w < GLYPH_SPACE * h).toList();
        List<Integer> glyphWidths = glyphs.stream().sorted().toList();
        double pitch = (glyphWidths.get(glyphWidths.size() / 2) + (spaces.isEmpty() ? 0 : spaces.get(spaces.size() / 2))) / h;
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).width() >= minGap * h) {
                at.add(i);
            }
        }
        List<Candidate> out = new ArrayList<>();
        for (int c = 0; c < at.size(); c++) {
            int ri = at.get(c);
            LineInk.Run g = runs.get(ri);
            double gh = g.width() / h;
            double maxOther = 0;
            for (int other : at) {
                if (other != ri) {
                    maxOther = Math.max(maxOther, runs.get(other).width() / h);
                }
            }
            double segLeft = (g.start() - (c > 0 ? runs.get(at.get(c - 1)).end() : ext[0])) / h;
            double segRight = ((c + 1 < at.size() ? runs.get(at.get(c + 1)).start() : ext[1]) - g.end()) / h;
            int[] column = column(b, g, inks, bands);
            double lglyph = glyphs.get(ri) / h;
            double rglyph = glyphs.get(ri + 1) / h;
            double p = Math.max(pitch, 0.05);
            double[] f = {gh, g.width() / Math.max(1.0, medianRun), at.size(), maxOther, gh >= maxOther ? 1 : 0,
                (g.start() - ext[0]) / h, (ext[1] - g.end()) / h, segLeft, segRight, column[0], column[1],
                (g.start() + g.end()) / 2.0 / pageWidth, h / medianHeight, pitch, lglyph, rglyph,
                (ext[1] - ext[0]) / (double) pageWidth, gh / p, (gh + 0.5 * lglyph + 0.5 * rglyph) / p,
                column[0] / (double) Math.max(column[1], 1)};
            out.add(new Candidate(b, g, f));
        }
        return List.copyOf(out);
    }

    /**
     * Of the other rows near band {@code b} whose ink spans run {@code g}: how many are blank across it, and how
     * many there are.
     */
    private static int[] column(int b, LineInk.Run g, LineInk[] inks, List<TextBand> bands) {
        TextBand band = bands.get(b);
        double cy = (band.top() + band.bottom()) / 2;
        int span = 0;
        int blank = 0;
        for (int o = 0; o < bands.size(); o++) {
            TextBand other = bands.get(o);
            if (o == b || overlapsVertically(band, other)
                    || Math.abs((other.top() + other.bottom()) / 2 - cy) > NEIGHBOUR_ROWS * band.height()) {
                continue;
            }
            int[] e = inks[o].inkExtent();
            if (e == null || e[0] >= g.start() || e[1] <= g.end()) {
                continue;
            }
            span++;
            if (!inks[o].anyInk(g.start(), g.end())) {
                blank++;
            }
        }
        return new int[] {blank, span};
    }

    private static boolean overlapsVertically(TextBand a, TextBand b) {
        return Math.min(a.bottom(), b.bottom()) > Math.max(a.top(), b.top());
    }
}
