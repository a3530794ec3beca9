package io.deepreader.ctpn.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.deepreader.ctpn.Anchors;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalDecoderTest {
    private final Anchors anchors = Anchors.paper();
    private final int k = anchors.count();

    @Test
    void decodesCentreAndHeightOffsetsOfTheScoredAnchorOnly() {
        int rows = 4;
        int cols = 5;
        float[] scores = new float[rows * cols * k];
        float[] dy = new float[scores.length];
        float[] dh = new float[scores.length];
        // Row 2, column 3, anchor 3 (height 33): centre shifted by +0.25*33, height doubled.
        int i = (2 * cols + 3) * k + 3;
        scores[i] = 0.9f;
        dy[i] = 0.25f;
        dh[i] = (float) Math.log(2);
        scores[(0 * cols + 1) * k + 0] = 0.5f; // below threshold

        List<TextProposal> out = new ProposalDecoder(anchors).decode(scores, dy, dh, rows, cols, 0.7, 80, 64);

        assertThat(out).hasSize(1);
        TextProposal p = out.get(0);
        double cy = 2 * 16 + 8 + 0.25 * 33;
        assertThat(p.left()).isEqualTo(48);
        assertThat(p.right()).isEqualTo(64);
        assertThat(p.top()).isCloseTo(cy - 33, within(1e-4));
        assertThat(p.bottom()).isCloseTo(Math.min(64, cy + 33), within(1e-4));
        assertThat(p.score()).isCloseTo(0.9, within(1e-6));
    }

    @Test
    void clipsToTheImageAndRejectsMismatchedShapes() {
        float[] scores = new float[k];
        scores[9] = 1f; // 283 px anchor in a 16x16 image
        List<TextProposal> out = new ProposalDecoder(anchors).decode(scores, new float[k], new float[k], 1, 1, 0.7, 10, 16);
        assertThat(out).singleElement().satisfies(p -> {
            assertThat(p.top()).isZero();
            assertThat(p.bottom()).isEqualTo(16);
            assertThat(p.right()).isEqualTo(10);
        });
        assertThatThrownBy(() -> new ProposalDecoder(anchors).decode(new float[3], new float[3], new float[3], 1, 1, 0.5, 16, 16))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
