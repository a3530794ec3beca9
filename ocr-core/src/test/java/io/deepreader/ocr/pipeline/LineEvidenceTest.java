package io.deepreader.ocr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineEvidenceTest {
    private final LineEvidence evidence = new LineEvidence(3, 40);

    @Test
    void blankReadsAreNeverText() {
        assertThat(evidence.isText("", 99)).isFalse();
        assertThat(evidence.isText("  \t", 99)).isFalse();
        assertThat(LineEvidence.BLANK_ONLY.isText(" ", 99)).isFalse();
    }

    @Test
    void aShortReadTesseractDoubtsIsNotText() {
        assertThat(evidence.isText("\\", 13)).isFalse();
        assertThat(evidence.isText("SS", 19)).isFalse();
        // Punctuation is not counted: ":_ OO" has two letters.
        assertThat(evidence.isText(":_ OO", 33)).isFalse();
        assertThat(evidence.isText("1D", 39.9)).isFalse();
    }

    @Test
    void aConfidentOrLongerReadIsText() {
        assertThat(evidence.isText("SR", 40)).isTrue();
        assertThat(evidence.isText("1", 92)).isTrue();
        assertThat(evidence.isText("TOTAL", 12)).as("more than 3 letters and digits").isTrue();
        assertThat(evidence.isText("RM 9.00", 5)).isTrue();
    }

    @Test
    void blankOnlyKeepsEveryNonBlankRead() {
        assertThat(LineEvidence.BLANK_ONLY.isText("\\", 0)).isTrue();
    }

    @Test
    void confidenceIsTesseractsScale() {
        assertThatThrownBy(() -> new LineEvidence(3, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LineEvidence(3, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
