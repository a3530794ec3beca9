package io.deepreader.ctpn.postprocess;

import io.deepreader.ocr.image.GrayImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text bands where a learned model says a blank run separates two lines. SROIE's truth splits a row by
 * meaning as much as by spacing (a label and its amount, "QTY" and "RM" at 0.7-1.3 heights apart) and keeps
 * some wide gaps whole ("DOCUMENT NO :  TD01167104"), which no single width rule matches; the model weighs the
 * run's width in heights and in the line's glyph pitch with the glyphs beside it, the rest of the band and the
 * column the rows around it leave blank ({@link CutCandidates}). It is trained on receipts 000-249 by
 * {@code ctpn-tools}' {@code train-cuts} and ships beside the CTPN weights, listed in their manifest.
 *
 * <p>The file ({@value #FILE_NAME}): {@code {"formatVersion": 1, "features": [...], "minGap": g, "threshold":
 * t, "booster": <XGBoost JSON model>, ...}}.
 */
public final class LearnedCuts implements LineCutter {
    public static final String FILE_NAME = "line-cuts.json";

    private final TreeEnsemble trees;
    private final double minGap;
    private final double threshold;
    private final double padFactor;

    public LearnedCuts(TreeEnsemble trees, double minGap, double threshold, double padFactor) {
        if (trees.features() != CutCandidates.FEATURES.size()) {
            throw new IllegalArgumentException("the cut model has " + trees.features() + " features, expected "
                    + CutCandidates.FEATURES.size());
        }
        this.trees = trees;
        this.minGap = minGap;
        this.threshold = threshold;
        this.padFactor = padFactor;
    }

    /**
     * Reads a cut model file; its feature names must be {@link CutCandidates#FEATURES}, in that order. A file
     * that cannot be read or does not describe these trees is a {@code ModelIntegrityException} naming the file
     * ({@link TreeModelFile}), so the environment refuses to start as for bad weights.
     */
    public static LearnedCuts read(Path file, double padFactor) {
        TreeModelFile model = TreeModelFile.read(file, CutCandidates.FEATURES, "cut model");
        return new LearnedCuts(model.trees(), model.root().path("minGap").asDouble(), model.threshold(), padFactor);
    }

    public LearnedCuts withThreshold(double t) {
        return new LearnedCuts(trees, minGap, t, padFactor);
    }

    public double threshold() {
        return threshold;
    }

    /** The probability of a cut for a candidate's features (for the tools that tune and report on it). */
    public double probability(double[] features) {
        return trees.probability(features);
    }

    @Override
    public List<List<double[]>> cut(GrayImage image, List<TextBand> bands) {
        List<List<CutCandidates.Candidate>> candidates = new CutCandidates(minGap).of(image, bands);
        List<List<double[]>> out = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
            List<LineInk.Run> cuts = candidates.get(i).stream().filter(c -> probability(c.features()) >= threshold)
                    .map(CutCandidates.Candidate::run).toList();
            out.add(bands.get(i).cutAt(cuts, padFactor));
        }
        return List.copyOf(out);
    }
}
