package io.deepreader.ctpn.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepreader.ctpn.loader.ModelIntegrityException;
import io.deepreader.ocr.image.GrayImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedCutsTest {
    private static final int W = 400;
    private static final int H = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ink in the given column ranges {@code [x0, x1)} on rows {@code y0..y0+19} of a white page. */
    private static void ink(byte[] px, int y0, int... ranges) {
        for (int r = 0; r < ranges.length; r += 2) {
            for (int y = y0; y < y0 + 20; y++) {
                for (int x = ranges[r]; x < ranges[r + 1]; x++) {
                    px[y * W + x] = (byte) 20;
                }
            }
        }
    }

    private static byte[] white() {
        byte[] px = new byte[W * H];
        Arrays.fill(px, (byte) 230);
        return px;
    }

    /**
     * An XGBoost {@code binary:logistic} model of one stump on feature {@code feature}: margin +4 at or above
     * {@code at}, -4 below, as XGBoost writes it (leaf values in split_conditions, base_score in brackets).
     */
    static ObjectNode stump(int feature, double at, int features) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"learner": {"learner_model_param": {"base_score": "[5E-1]", "num_feature": "%d"},
                  "objective": {"name": "binary:logistic"},
                  "gradient_booster": {"model": {"trees": [{
                    "left_children": [1, -1, -1], "right_children": [2, -1, -1], "split_indices": [%d, 0, 0],
                    "split_conditions": [%s, -4.0, 4.0], "default_left": [0, 0, 0]}]}}}}
                """.formatted(features, feature, at));
    }

    /** A learned post-processing file ({@link TreeModelFile}) named {@code name}, threshold 0.5, plus {@code extra}. */
    static Path treeFile(Path dir, String name, ObjectNode booster, List<String> features, ObjectNode extra)
            throws Exception {
        ObjectNode file = JSON.createObjectNode();
        file.put("formatVersion", 1);
        file.set("features", JSON.valueToTree(features));
        file.put("threshold", 0.5);
        file.set("booster", booster);
        file.setAll(extra);
        Path p = dir.resolve(name);
        JSON.writeValue(p.toFile(), file);
        return p;
    }

    private static Path cutFile(Path dir, ObjectNode booster, List<String> features) throws Exception {
        return treeFile(dir, LearnedCuts.FILE_NAME, booster, features, JSON.createObjectNode().put("minGap", 0.3));
    }

    @Test
    void treesFollowXgboostsConventions() throws Exception {
        TreeEnsemble t = TreeEnsemble.fromXgboostJson(stump(1, 2.5, 3));
        assertThat(t.probability(new double[] {9, 2.4, 9})).isCloseTo(1 / (1 + Math.exp(4)), within(1e-9));
        // At the split value a node sends the value right: XGBoost goes left only when x < condition.
        assertThat(t.probability(new double[] {0, 2.5, 0})).isCloseTo(1 / (1 + Math.exp(-4)), within(1e-9));
        assertThatThrownBy(() -> t.probability(new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        ObjectNode regression = stump(0, 1, 1);
        ((ObjectNode) regression.path("learner").path("objective")).put("name", "reg:squarederror");
        assertThatThrownBy(() -> TreeEnsemble.fromXgboostJson(regression)).hasMessageContaining("binary:logistic");
        assertThatThrownBy(() -> TreeEnsemble.fromXgboostJson(stump(5, 1, 3))).hasMessageContaining("feature 5");
    }

    @Test
    void cutsWhereTheModelSaysAndKeepsTheRestWhole(@TempDir Path dir) throws Exception {
        // Row 1 (rows 20..39): "TOTAL" 40..120 | 0.9-height run | "12.00" 138..200, word space 0.4 height, "RM" 208..240.
        // Row 2 (rows 60..79): one word 40..240. A model cutting at runs of 0.8 heights or more (feature "g").
        byte[] px = white();
        ink(px, 20, 40, 120, 138, 200, 208, 240);
        ink(px, 60, 40, 240);
        GrayImage page = new GrayImage(W, H, px);
        int g = CutCandidates.FEATURES.indexOf("g");
        LearnedCuts cuts = LearnedCuts.read(cutFile(dir, stump(g, 0.8, CutCandidates.FEATURES.size()),
                CutCandidates.FEATURES), 0.1);
        List<TextBand> bands = List.of(new TextBand(38, 20, 242, 40, 0.99), new TextBand(38, 60, 242, 80, 0.99));
        List<List<double[]>> pieces = cuts.cut(page, bands);
        assertThat(pieces.get(0)).hasSize(2);
        assertThat(pieces.get(0).get(0)).containsExactly(38, 120 + 2);   // new ends padded by 0.1 x height
        assertThat(pieces.get(0).get(1)).containsExactly(138 - 2, 242);
        assertThat(pieces.get(1)).singleElement().satisfies(p -> assertThat(p).containsExactly(38, 242));
        // A higher threshold than the model's certainty keeps every band whole.
        assertThat(cuts.withThreshold(0.99).cut(page, bands)).allSatisfy(p -> assertThat(p).hasSize(1));
    }

    @Test
    void describesEachCandidateByItsWidthGlyphsAndTheColumnAroundIt() {
        // Three rows; the middle one has an 18-px run (0.9 heights) at 120..138 that rows 1 and 3 leave blank too.
        byte[] px = new byte[W * 140];
        Arrays.fill(px, (byte) 230);
        GrayImage page;
        for (int[] row : new int[][] {{10, 40, 100, 150, 230}, {50, 40, 120, 138, 200}, {90, 40, 110, 160, 240}}) {
            for (int y = row[0]; y < row[0] + 20; y++) {
                for (int r = 1; r < row.length; r += 2) {
                    for (int x = row[r]; x < row[r + 1]; x++) {
                        px[y * W + x] = (byte) 20;
                    }
                }
            }
        }
        page = new GrayImage(W, 140, px);
        List<TextBand> bands = List.of(new TextBand(38, 10, 232, 30, 1), new TextBand(38, 50, 202, 70, 1),
                new TextBand(38, 90, 242, 110, 1));
        List<List<CutCandidates.Candidate>> all = new CutCandidates(0.3).of(page, bands);
        CutCandidates.Candidate c = all.get(1).get(0);
        assertThat(all.get(1)).hasSize(1);
        assertThat(c.run()).isEqualTo(new LineInk.Run(120, 138));
        double[] f = c.features();
        assertThat(f[CutCandidates.FEATURES.indexOf("g")]).isCloseTo(0.9, within(1e-9));
        assertThat(f[CutCandidates.FEATURES.indexOf("leftlen")]).isCloseTo(4.0, within(1e-9));   // 40..120
        assertThat(f[CutCandidates.FEATURES.indexOf("rightlen")]).isCloseTo(3.1, within(1e-9));  // 138..200
        // Rows 1 and 3 both span 120..138; row 1 is blank across it (100..150), row 3 is blank too (110..160).
        assertThat(f[CutCandidates.FEATURES.indexOf("colspan")]).isEqualTo(2);
        assertThat(f[CutCandidates.FEATURES.indexOf("colblank")]).isEqualTo(2);
        assertThat(f[CutCandidates.FEATURES.indexOf("xrel")]).isCloseTo(129.0 / W, within(1e-9));
        assertThat(f).hasSize(CutCandidates.FEATURES.size());
    }

    @Test
    void refusesAFileWhoseFeaturesAreNotTheOnesComputed(@TempDir Path dir) throws Exception {
        List<String> renamed = new java.util.ArrayList<>(CutCandidates.FEATURES);
        renamed.set(0, "width");
        Path p = cutFile(dir, stump(0, 1, CutCandidates.FEATURES.size()), renamed);
        assertThatThrownBy(() -> LearnedCuts.read(p, 0.1)).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("features").hasMessageContaining(LearnedCuts.FILE_NAME);
        Files.writeString(p, "{\"formatVersion\": 2}");
        assertThatThrownBy(() -> LearnedCuts.read(p, 0.1)).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("formatVersion");
        cutFile(dir, stump(0, 1, 3), CutCandidates.FEATURES);   // trees over 3 features, not 20
        assertThatThrownBy(() -> LearnedCuts.read(p, 0.1)).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("features");
        Files.writeString(p, "{\"formatVersion\": 1, \"features\": [");
        assertThatThrownBy(() -> LearnedCuts.read(p, 0.1)).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("unreadable");
    }
}
