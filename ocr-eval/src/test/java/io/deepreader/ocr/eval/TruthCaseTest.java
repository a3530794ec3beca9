package io.deepreader.ocr.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TruthCaseTest {
    @Test
    void matchedLettersTakeTheReadingsCase() {
        // Pairs seen on SROIE receipt 000 (truth, then Tesseract's reading of the line).
        assertThat(TruthCase.restore("ROUND D TOTAL (RM):", "Round.-d Total (RM);")).isEqualTo("Round d Total (RM):");
        assertThat(TruthCase.restore("DOCUMENT NO : TD01167104", "Document No : TD01167104"))
                .isEqualTo("Document No : TD01167104");
        assertThat(TruthCase.restore("25/12/2018 8:13:39 PM", "25/12/2018 8:13:39 PM")).isEqualTo("25/12/2018 8:13:39 PM");
    }

    @Test
    void misreadLettersTakeTheirWordsCase() {
        assertThat(TruthCase.restore("PLEASE COME AGAIN !", "PLEASE COrt AGATN |")).isEqualTo("PLEASE COME AGAIN !");
        assertThat(TruthCase.restore("ROUNDING ADJUSTMENT:", "Rour ding Adjustrnent")).isEqualTo("Rounding Adjustment:");
        // Only the capital is matched: the rest of the word is not guessed lower.
        assertThat(TruthCase.restore("QTY", "Q1Y")).isEqualTo("QTY");
    }

    @Test
    void truthIsKeptWhenNothingSaysOtherwise() {
        assertThat(TruthCase.restore("TOTAL", "")).isEqualTo("TOTAL");
        assertThat(TruthCase.restore("Mixed Case", "MIXED CASE")).isEqualTo("Mixed Case");
        assertThat(TruthCase.restore("***", "ng fay e")).isEqualTo("***");
    }
}
