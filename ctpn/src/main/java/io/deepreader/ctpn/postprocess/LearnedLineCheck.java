package io.deepreader.ctpn.postprocess;

import io.deepreader.ctpn.loader.ModelIntegrityException;
import io.deepreader.ocr.image.GrayImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops detections a learned model says are not a line of text ({@link LineFeatures}): trained on receipts
 * 000-249 by {@code ctpn-tools}' {@code train-line-check} (a piece is text when it matches a truth line at IoU
 * 0.5) and shipped beside the CTPN weights, listed in their manifest, as {@value #FILE_NAME}.
 */
public final class LearnedLineCheck {
    public static final String FILE_NAME = "line-check.json";

    private final TreeEnsemble trees;
    private final double threshold;

    public LearnedLineCheck(TreeEnsemble trees, double threshold) {
        if (trees.features() != LineFeatures.FEATURES.size()) {
            throw new IllegalArgumentException("the line check has " + trees.features() + " features, expected "
                    + LineFeatures.FEATURES.size());
        }
        this.trees = trees;
        this.threshold = threshold;
    }

    /** Reads a line-check file; a damaged one is a {@link ModelIntegrityException} naming it ({@link TreeModelFile}). */
    public static LearnedLineCheck read(Path file) {
        TreeModelFile model = TreeModelFile.read(file, LineFeatures.FEATURES, "line check");
        return new LearnedLineCheck(model.trees(), model.threshold());
    }

    public LearnedLineCheck withThreshold(double t) {
        return new LearnedLineCheck(trees, t);
    }

    public double threshold() {
        return threshold;
    }

    public double probability(double[] features) {
        return trees.probability(features);
    }

    /** The pieces kept, in their order. */
    public List<LineFeatures.Piece> keep(GrayImage image, List<TextBand> bands, List<LineFeatures.Piece> pieces) {
        List<double[]> features = LineFeatures.of(image, bands, pieces);
        List<LineFeatures.Piece> kept = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (probability(features.get(i)) >= threshold) {
                kept.add(pieces.get(i));
            }
        }
        return List.copyOf(kept);
    }
}
