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

class LearnedLineCheckTest {
    private static final int W = 400;
    private static final int H = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Row 1 (rows 20..39): five 6-px strokes 10 px apart at 40..96, text-like. Row 2 (rows 60..79): one solid
     * 60-px block at 40..100, a stamp or a blacked-out box.
     */
    private static GrayImage page() {
        byte[] px = new byte[W * H];
        Arrays.fill(px, (byte) 230);
        for (int y = 20; y < 40; y++) {
            for (int s = 0; s < 5; s++) {
                for (int x = 40 + 12 * s; x < 46 + 12 * s; x++) {
                    px[y * W + x] = (byte) 20;
                }
            }
        }
        for (int y = 60; y < 80; y++) {
            for (int x = 40; x < 100; x++) {
                px[y * W + x] = (byte) 20;
            }
        }
        return new GrayImage(W, H, px);
    }

    private static Path checkFile(Path dir, ObjectNode booster, List<String> features) throws Exception {
        return LearnedCutsTest.treeFile(dir, LearnedLineCheck.FILE_NAME, booster, features, JSON.createObjectNode());
    }

    @Test
    void describesStrokesApartFromASolidBlock() {
        List<TextBand> bands = List.of(new TextBand(38, 20, 98, 40, 0.99), new TextBand(38, 60, 102, 80, 0.98));
        List<LineFeatures.Piece> pieces = List.of(new LineFeatures.Piece(0, 38, 98), new LineFeatures.Piece(1, 38, 102));
        List<double[]> f = LineFeatures.of(page(), bands, pieces);
        int changes = LineFeatures.FEATURES.indexOf("changes");
        int solid = LineFeatures.FEATURES.indexOf("solid");
        // Ten ink/paper changes along the middle row over 3 heights, against two over 3.2 heights.
        assertThat(f.get(0)[changes]).isCloseTo(10 / 3.0, within(1e-9));
        assertThat(f.get(1)[changes]).isCloseTo(2 / 3.2, within(1e-9));
        assertThat(f.get(0)[solid]).isCloseTo(30 / 60.0, within(1e-9));
        assertThat(f.get(1)[solid]).isCloseTo(60 / 64.0, within(1e-9));
        assertThat(f.get(0)[LineFeatures.FEATURES.indexOf("score")]).isEqualTo(0.99);
        assertThat(f.get(0)[LineFeatures.FEATURES.indexOf("rowmates")]).isZero();
        assertThat(f).allSatisfy(v -> assertThat(v).hasSize(LineFeatures.FEATURES.size()));
    }

    @Test
    void dropsThePiecesTheModelDoubts(@TempDir Path dir) throws Exception {
        // One stump: text when the middle row changes between ink and paper at least once a height.
        int changes = LineFeatures.FEATURES.indexOf("changes");
        LearnedLineCheck check = LearnedLineCheck.read(checkFile(dir,
                LearnedCutsTest.stump(changes, 1.0, LineFeatures.FEATURES.size()), LineFeatures.FEATURES));
        List<TextBand> bands = List.of(new TextBand(38, 20, 98, 40, 0.99), new TextBand(38, 60, 102, 80, 0.98));
        List<LineFeatures.Piece> pieces = List.of(new LineFeatures.Piece(0, 38, 98), new LineFeatures.Piece(1, 38, 102));
        assertThat(check.keep(page(), bands, pieces)).containsExactly(pieces.get(0));
        assertThat(check.withThreshold(0).keep(page(), bands, pieces)).containsExactlyElementsOf(pieces);
    }

    @Test
    void refusesAFileWhoseFeaturesAreNotTheOnesComputed(@TempDir Path dir) throws Exception {
        List<String> renamed = new java.util.ArrayList<>(LineFeatures.FEATURES);
        renamed.set(0, "confidence");
        Path p = checkFile(dir, LearnedCutsTest.stump(0, 1, LineFeatures.FEATURES.size()), renamed);
        assertThatThrownBy(() -> LearnedLineCheck.read(p)).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("features").hasMessageContaining(LearnedLineCheck.FILE_NAME);
        checkFile(dir, LearnedCutsTest.stump(0, 1, 3), LineFeatures.FEATURES);
        assertThatThrownBy(() -> LearnedLineCheck.read(p)).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("features");
        Files.writeString(p, "not json");
        assertThatThrownBy(() -> LearnedLineCheck.read(p)).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("unreadable");
    }
}
