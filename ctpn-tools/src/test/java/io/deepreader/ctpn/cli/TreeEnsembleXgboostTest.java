package io.deepreader.ctpn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.ctpn.postprocess.TreeEnsemble;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The function's plain-Java tree evaluation gives XGBoost's own probabilities for a model XGBoost saved. */
class TreeEnsembleXgboostTest {
    @Test
    void sameProbabilitiesAsXgboost(@TempDir Path dir) throws Exception {
        int n = 2000;
        int k = 5;
        Random rnd = new Random(7);
        float[] x = new float[n * k];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                x[i * k + j] = (float) rnd.nextGaussian();
            }
            // A label no single split gets right: an interaction and a threshold, with noise.
            y[i] = x[i * k] * x[i * k + 1] + 0.5 * x[i * k + 2] + 0.3 * rnd.nextGaussian() > 0.2 ? 1 : 0;
        }
        DMatrix m = new DMatrix(x, n, k, Float.NaN);
        m.setLabel(y);
        Booster booster = XGBoost.train(m, Map.of("objective", "binary:logistic", "max_depth", 4, "eta", 0.2,
                "seed", 1, "nthread", 1), 40, Map.of(), null, null);
        Path saved = dir.resolve("model.json");
        booster.saveModel(saved.toString());
        float[][] expected = booster.predict(m);
        TreeEnsemble trees = TreeEnsemble.fromXgboostJson(new ObjectMapper().readTree(saved.toFile()));
        assertThat(trees.features()).isEqualTo(k);
        int confident = 0;
        for (int i = 0; i < n; i++) {
            double[] row = new double[k];
            for (int j = 0; j < k; j++) {
                row[j] = x[i * k + j];
            }
            double p = trees.probability(row);
            assertThat(p).as("row %d", i).isCloseTo(expected[i][0], within(1e-5));
            confident += p < 0.1 || p > 0.9 ? 1 : 0;
        }
        assertThat(confident).as("the model learned something").isGreaterThan(n / 4);
    }
}
