package io.deepreader.ctpn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Fits the gradient-boosted trees of a learned post-processing file (XGBoost, binary:logistic, one thread, a fixed
 * seed: the same data gives the same bytes) and writes the file atomically with XGBoost's own JSON model under
 * {@code booster} (read back by the {@code ctpn} module's {@code TreeModelFile}).
 */
final class TreeTraining {
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final int rounds;

    TreeTraining(int depth, double eta, int seed, int rounds) {
        // Insertion order is the order written to the file.
        params.put("objective", "binary:logistic");
        params.put("max_depth", depth);
        params.put("eta", eta);
        params.put("min_child_weight", 2);
        params.put("subsample", 0.8);
        params.put("seed", seed);
        params.put("nthread", 1);
        this.rounds = rounds;
    }

    Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    /** Trees over {@code features} (k values each) for {@code labels}. */
    Booster fit(List<double[]> features, List<Boolean> labels, int k) throws Exception {
        int n = labels.size();
        float[] x = new float[n * k];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double[] f = features.get(i);
            for (int j = 0; j < k; j++) {
                x[i * k + j] = (float) f[j];
            }
            y[i] = labels.get(i) ? 1 : 0;
        }
        DMatrix m = new DMatrix(x, n, k, Float.NaN);
        m.setLabel(y);
        return XGBoost.train(m, params, rounds, Map.of(), null, null);
    }

    /** Writes {@code file} with the booster added as {@code booster}, to {@code out} through a temporary name. */
    static void write(ObjectMapper json, ObjectNode file, Booster booster, Path out) throws Exception {
        Path raw = Files.createTempFile("trees", ".json");
        try {
            booster.saveModel(raw.toString());
            file.set("booster", json.readTree(raw.toFile()));
        } finally {
            Files.delete(raw);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        json.writeValue(tmp.toFile(), file);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
