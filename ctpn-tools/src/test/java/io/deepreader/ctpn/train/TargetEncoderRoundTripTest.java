package io.deepreader.ctpn.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ctpn.Anchors;
import io.deepreader.ctpn.postprocess.ProposalDecoder;
import io.deepreader.ctpn.postprocess.TextConnector;
import io.deepreader.ctpn.postprocess.TextProposal;
import io.deepreader.ocr.geometry.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding truth into targets and decoding perfect outputs must give the truth lines back. */
class TargetEncoderRoundTripTest {
    private final Anchors anchors = Anchors.paper();

    @Test
    void perfectOutputsDecodeBackToTheTruthLines() {
        List<Box> truth = List.of(new Box(40, 30, 200, 22), new Box(300, 32, 64, 20), new Box(40, 90, 150, 40));
        TargetEncoder.Targets t = new TargetEncoder(anchors).encode(448, 192, truth);

        assertThat(t.positives()).isGreaterThan(20);
        assertThat(t.negatives()).isGreaterThan(t.positives() * 10);
        float[] scores = t.cls().clone();
        List<TextProposal> proposals = new ProposalDecoder(anchors).decode(scores, t.dy(), t.dh(), t.rows(), t.cols(),
                0.5, 448, 192);
        List<TextConnector.Line> lines = new TextConnector(TextConnector.Params.defaults()).connect(proposals);

        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            TextConnector.Line l = lines.get(i);
            Box found = Box.ofCorners(l.left(), l.top(), l.right(), l.bottom());
            // Ends are quantised to 16-px columns; heights come back exactly.
            assertThat(found.iou(truth.get(i))).as("line %d: %s vs %s", i, found, truth.get(i)).isGreaterThan(0.8);
            assertThat(Math.abs(found.height() - truth.get(i).height())).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void weightsBalancePositivesAndNegatives() {
        TargetEncoder.Targets t = new TargetEncoder(anchors).encode(256, 128, List.of(new Box(20, 40, 180, 24)));
        double pos = 0;
        double neg = 0;
        for (int i = 0; i < t.cls().length; i++) {
            if (t.cls()[i] == 1) {
                pos += t.clsWeight()[i];
            } else {
                neg += t.clsWeight()[i];
            }
        }
        assertThat(pos).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(neg).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void verticalIouIsSymmetricAndZeroWhenApart() {
        assertThat(TargetEncoder.verticalIou(0, 10, 5, 15)).isEqualTo(5.0 / 15);
        assertThat(TargetEncoder.verticalIou(5, 15, 0, 10)).isEqualTo(5.0 / 15);
        assertThat(TargetEncoder.verticalIou(0, 10, 10, 20)).isZero();
    }
}
