package io.deepreader.ctpn.postprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NonMaxSuppressionTest {

    @Test
    void keepsTheBestOfOverlappingProposalsAndAllDisjointOnes() {
        TextProposal best = new TextProposal(0, 10, 16, 40, 0.95);
        TextProposal overlapping = new TextProposal(0, 12, 16, 42, 0.90); // IoU ~0.88
        TextProposal nested = new TextProposal(0, 0, 16, 100, 0.80); // IoU exactly 0.3: not above, kept
        TextProposal nextColumn = new TextProposal(16, 10, 32, 40, 0.85);
        TextProposal lineBelow = new TextProposal(0, 50, 16, 80, 0.75);

        List<TextProposal> kept = NonMaxSuppression.apply(List.of(overlapping, lineBelow, best, nested, nextColumn), 0.3);

        assertThat(kept).containsExactly(best, nextColumn, nested, lineBelow);
    }

    @Test
    void higherThresholdKeepsModeratelyOverlappingProposals() {
        TextProposal a = new TextProposal(0, 0, 16, 30, 0.9);
        TextProposal b = new TextProposal(0, 10, 16, 40, 0.8); // IoU 0.5
        assertThat(NonMaxSuppression.apply(List.of(a, b), 0.3)).containsExactly(a);
        assertThat(NonMaxSuppression.apply(List.of(a, b), 0.7)).containsExactly(a, b);
    }
}
