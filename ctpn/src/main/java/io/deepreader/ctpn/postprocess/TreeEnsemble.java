package io.deepreader.ctpn.postprocess;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient-boosted regression trees as XGBoost saves them in its JSON model format ({@code binary:logistic}):
 * the probability is the logistic of {@code logit(base_score)} plus one leaf per tree, a node sending a value
 * left when it is below the node's split condition. Evaluating is a few comparisons a tree, so the function
 * reads the model in plain Java and ships without XGBoost's native library (ctpn-tools trains it).
 */
public final class TreeEnsemble {
    private record Tree(int[] left, int[] right, int[] feature, float[] condition, boolean[] defaultLeft) {
        double leaf(double[] x) {
            int n = 0;
            while (left[n] >= 0) {
                float v = (float) x[feature[n]];
                n = Float.isNaN(v) ? (defaultLeft[n] ? left[n] : right[n]) : v < condition[n] ? left[n] : right[n];
            }
            return condition[n];
        }
    }

    private final List<Tree> trees;
    private final double baseMargin;
    private final int features;

    private TreeEnsemble(List<Tree> trees, double baseMargin, int features) {
        this.trees = trees;
        this.baseMargin = baseMargin;
        this.features = features;
    }

    /** Reads XGBoost's saved JSON (the object with {@code "learner"}); only binary:logistic tree boosters. */
    public static TreeEnsemble fromXgboostJson(JsonNode model) {
        JsonNode learner = model.path("learner");
        String objective = learner.path("objective").path("name").asText();
        if (!"binary:logistic".equals(objective)) {
            throw new IllegalArgumentException("expected a binary:logistic model, got '" + objective + "'");
        }
        JsonNode params = learner.path("learner_model_param");
        double base = Double.parseDouble(params.path("base_score").asText().replace("[", "").replace("]", ""));
        int features = Integer.parseInt(params.path("num_feature").asText());
        List<Tree> trees = new ArrayList<>();
        for (JsonNode t : learner.path("gradient_booster").path("model").path("trees")) {
            int n = t.path("left_children").size();
            int[] left = new int[n];
            int[] right = new int[n];
            int[] feature = new int[n];
            float[] condition = new float[n];
            boolean[] defaultLeft = new boolean[n];
            for (int i = 0; i < n; i++) {
                left[i] = t.path("left_children").get(i).asInt();
                right[i] = t.path("right_children").get(i).asInt();
                feature[i] = t.path("split_indices").get(i).asInt();
                condition[i] = (float) t.path("split_conditions").get(i).asDouble();
                defaultLeft[i] = t.path("default_left").get(i).asInt() != 0;
                if (left[i] >= 0 && (feature[i] < 0 || feature[i] >= features)) {
                    throw new IllegalArgumentException("tree node splits on feature " + feature[i] + " of " + features);
                }
            }
            trees.add(new Tree(left, right, feature, condition, defaultLeft));
        }
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("the model has no trees");
        }
        return new TreeEnsemble(List.copyOf(trees), Math.log(base / (1 - base)), features);
    }

    public int features() {
        return features;
    }

    public double probability(double[] x) {
        if (x.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + x.length);
        }
        double margin = baseMargin;
        for (Tree t : trees) {
            margin += t.leaf(x);
        }
        return 1 / (1 + Math.exp(-margin));
    }
}
