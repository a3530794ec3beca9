package io.deepreader.ocr.pdftext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The usability rule on measured values, and the PDF_TEXT values. */
class TextLayerCheckTest {
    private final TextLayerCheck check = TextLayerCheck.DEFAULT;

    @Test
    void coercedCodesOfAFontWithoutToUnicodeAreNotPrintable() {
        // What PDFBox extracts from a subset simple font without ToUnicode: its codes 1, 2, 3 ... as characters.
        assertThat(TextLayerCheck.printable("\u0003")).isFalse();
        assertThat(TextLayerCheck.printable("\uE012")).isFalse();
        assertThat(TextLayerCheck.printable("\uFFFD")).isFalse();
        assertThat(TextLayerCheck.printable("€")).isTrue();
        assertThat(TextLayerCheck.printable("ü")).isTrue();
        assertThat(check.judge(PdfTextMode.AUTO, 400, 400, 40, 1, 0).reason()).isEqualTo("unmapped-glyphs");
    }

    @Test
    void glyphsDroppedForWantOfAMappingCountAgainstThePage() {
        assertThat(check.judge(PdfTextMode.AUTO, 400, 0, 0, 1, 0).reason()).isEqualTo("unmapped-glyphs");
        assertThat(check.judge(PdfTextMode.AUTO, 400, 300, 300, 1, 0).reason()).isEqualTo("unmapped-glyphs");
        assertThat(check.judge(PdfTextMode.AUTO, 400, 395, 395, 1, 0).reason()).isEqualTo("usable");
    }

    @Test
    void thresholdsAndModes() {
        assertThat(check.judge(PdfTextMode.AUTO, 0, 0, 0, 0, 0).reason()).isEqualTo("no-text");
        assertThat(check.judge(PdfTextMode.AUTO, 400, 400, 400, 0.89, 0).reason()).isEqualTo("uncovered-ink");
        assertThat(check.judge(PdfTextMode.AUTO, 400, 400, 400, 0.95, 400).reason()).isEqualTo("usable-invisible-layer");
        assertThat(check.judge(PdfTextMode.ALWAYS, 400, 400, 4, 0.1, 0).readFromTextLayer()).isTrue();
        assertThat(check.judge(PdfTextMode.ALWAYS, 400, 0, 0, 0.1, 0).readFromTextLayer()).isFalse();
        assertThat(check.never().readFromTextLayer()).isFalse();
        assertThat(PdfTextMode.parse(null)).isEqualTo(PdfTextMode.AUTO);
        assertThat(PdfTextMode.parse(" Never ")).isEqualTo(PdfTextMode.NEVER);
        assertThatThrownBy(() -> PdfTextMode.parse("sometimes")).isInstanceOf(IllegalArgumentException.class);
    }
}
