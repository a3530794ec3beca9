package io.deepreader.ctpn.postprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.ctpn.loader.ModelIntegrityException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A learned post-processing file beside the CTPN weights: {@code {"formatVersion": 1, "features": [...],
 * "threshold": t, "booster": <XGBoost JSON model>, ...}}. A file that cannot be read or does not describe trees
 * over the expected features is the model version's damage, not the page's: a {@link ModelIntegrityException}
 * naming the file, so the environment refuses to start as for bad weights.
 *
 * @param root the whole file, for the fields a reader adds
 */
record TreeModelFile(TreeEnsemble trees, double threshold, JsonNode root) {

    static TreeModelFile read(Path file, List<String> features, String what) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelIntegrityException(file, "unreadable " + what, e);
        }
        if (root.path("formatVersion").asInt() != 1) {
            throw new ModelIntegrityException(file, "unknown " + what + " formatVersion " + root.path("formatVersion"));
        }
        List<String> names = new ArrayList<>();
        root.path("features").forEach(n -> names.add(n.asText()));
        if (!names.equals(features)) {
            throw new ModelIntegrityException(file, what + " features " + names + ", expected " + features);
        }
        TreeEnsemble trees;
        try {
            trees = TreeEnsemble.fromXgboostJson(root.path("booster"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelIntegrityException(file, "malformed " + what + " trees: " + e.getMessage(), e);
        }
        if (trees.features() != features.size()) {
            throw new ModelIntegrityException(file, "malformed " + what + " trees: over " + trees.features()
                    + " features, expected " + features.size());
        }
        return new TreeModelFile(trees, root.path("threshold").asDouble(), root);
    }
}
