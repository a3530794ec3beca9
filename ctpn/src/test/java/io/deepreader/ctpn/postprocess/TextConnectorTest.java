package io.deepreader.ctpn.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextConnectorTest {
    private final TextConnector connector = new TextConnector(TextConnector.Params.defaults());

    /** Proposals in columns {@code from..to} (inclusive) of a line at {@code top..bottom}. */
    private static List<TextProposal> strip(int from, int to, double top, double bottom, double score) {
        List<TextProposal> out = new ArrayList<>();
        for (int c = from; c <= to; c++) {
            out.add(new TextProposal(c * 16, top, c * 16 + 16, bottom, score));
        }
        return out;
    }

    @Test
    void linksAdjacentProposalsIntoOneLinePerRowAndColumn() {
        List<TextProposal> p = new ArrayList<>();
        p.addAll(strip(2, 10, 100, 120, 0.9));   // words of one line
        p.addAll(strip(20, 23, 101, 121, 0.9));  // a price column far to the right (gap 144 px >> height)
        p.addAll(strip(2, 8, 140, 160, 0.8));    // next line

        List<TextConnector.Line> lines = connector.connect(p);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).left()).isEqualTo(32);
        assertThat(lines.get(0).right()).isEqualTo(176);
        assertThat(lines.get(1).left()).isEqualTo(320);
        assertThat(lines.get(1).right()).isEqualTo(384);
        assertThat(lines.get(2).top()).isCloseTo(140, within(1e-6));
        assertThat(lines.get(2).proposals()).isEqualTo(7);
    }

    @Test
    void bridgesAWordSpaceNarrowerThanTheGapFactorTimesTheTextHeight() {
        List<TextProposal> p = new ArrayList<>();
        p.addAll(strip(0, 3, 50, 80, 0.9));
        p.addAll(strip(5, 7, 50, 80, 0.9)); // one empty column: 16 px gap < 0.6 x 30 px
        assertThat(connector.connect(p)).singleElement()
                .satisfies(l -> assertThat(l.right() - l.left()).isEqualTo(128));
        List<TextProposal> wide = new ArrayList<>();
        wide.addAll(strip(0, 3, 50, 80, 0.9));
        wide.addAll(strip(6, 8, 50, 80, 0.9)); // 32 px gap > 18 px: a column break
        assertThat(connector.connect(wide)).hasSize(2);
    }

    @Test
    void doesNotLinkProposalsOfDissimilarHeightOrLittleVerticalOverlap() {
        List<TextProposal> p = new ArrayList<>();
        p.addAll(strip(0, 2, 50, 70, 0.9));
        p.addAll(strip(3, 5, 40, 100, 0.9)); // 20 vs 60 px tall: size similarity 0.33
        p.addAll(strip(6, 8, 88, 108, 0.9)); // overlaps the tall one, but not the first strip
        List<TextConnector.Line> lines = connector.connect(p);
        assertThat(lines).hasSize(3);
    }

    @Test
    void dropsChainsShorterThanTheMinimumAndFitsSkewedLines() {
        List<TextProposal> p = new ArrayList<>();
        p.add(new TextProposal(400, 10, 416, 30, 0.99)); // lone proposal: noise
        for (int c = 0; c < 10; c++) {
            double shift = c * 1.0; // 1 px per column: ~3.6 degrees of skew
            p.add(new TextProposal(c * 16, 200 + shift, c * 16 + 16, 220 + shift, 0.9));
        }
        List<TextConnector.Line> lines = connector.connect(p);
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.top()).isCloseTo(200, within(0.5));
            assertThat(l.bottom()).isCloseTo(229, within(0.5));
            assertThat(l.score()).isCloseTo(0.9, within(1e-9));
        });
    }

    @Test
    void competingPrecursorWithHigherScoreWinsTheLink() {
        // Two overlapping candidates in column 0 compete for the proposal in column 1; only the better one links.
        TextProposal strong = new TextProposal(0, 100, 16, 120, 0.95);
        TextProposal weak = new TextProposal(0, 104, 16, 124, 0.75);
        TextProposal next = new TextProposal(16, 102, 32, 122, 0.9);
        TextConnector.Params twoOrMore = TextConnector.Params.defaults();
        List<TextConnector.Line> lines = new TextConnector(twoOrMore).connect(List.of(weak, next, strong));
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.proposals()).isEqualTo(2);
            assertThat(l.top()).isCloseTo(100, within(1e-6));
        });
    }

    @Test
    void keepsASingleProposalLineOnlyWhenItsScoreReachesTheSingleThreshold() {
        TextConnector.Params d = TextConnector.Params.defaults();
        TextConnector singles = new TextConnector(new TextConnector.Params(d.maxGapFactor(), d.minGapPx(),
                d.minVerticalOverlap(), d.minSizeSimilarity(), d.minProposals(), d.minLineScore(), 0.97));
        List<TextProposal> p = new ArrayList<>();
        p.add(new TextProposal(400, 10, 416, 30, 0.99));  // a confident one-column item ("1")
        p.add(new TextProposal(400, 60, 416, 80, 0.95));  // a weak one: still noise
        p.addAll(strip(0, 3, 200, 220, 0.9));
        p.add(new TextProposal(32, 195, 48, 225, 0.99)); // inside that line, too tall to link: a leftover
        List<TextConnector.Line> lines = singles.connect(p);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).proposals()).isEqualTo(1);
        assertThat(lines.get(0).top()).isCloseTo(10, within(1e-9));
        assertThat(lines.get(1).proposals()).isEqualTo(4);
        assertThat(connector.connect(p)).hasSize(1); // below the default single threshold (0.995)
    }
}
