package io.deepreader.ocr.pdftext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.Word;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text-layer reading on generated born-digital invoices, scans, and a PDF whose font has no Unicode mapping. */
class PdfTextLayerTest {
    private static final int DPI = 300;

    @BeforeAll
    static void fonts() {
        assumeTrue(BornDigitalInvoices.DEJAVU.isFile(), "skipped: DejaVuSans.ttf (fonts-dejavu-core) is not installed");
    }

    private static PdfTextLayer.Page read(byte[] pdf, int page, PdfTextMode mode) throws Exception {
        try (PdfTextLayer layer = PdfTextLayer.open(pdf, DPI, mode, TextLayerCheck.DEFAULT)) {
            return layer.read("b", "d", page);
        }
    }

    @Test
    void multiPageInvoiceIsReadFromItsTextLayerWithinTheCerTarget() throws Exception {
        BornDigitalInvoices.Written written = BornDigitalInvoices.invoices(3, 12, 0);
        for (int p = 0; p < 3; p++) {
            PdfTextLayer.Page page = read(written.pdf(), p, PdfTextMode.AUTO);
            assertThat(page.verdict().readFromTextLayer()).as("page %d: %s", p + 1, page.verdict()).isTrue();
            assertThat(page.verdict().inkCoverage()).isGreaterThan(0.9);
            PageResult result = page.result().orElseThrow();
            assertThat(result.detector()).isEqualTo("pdf-text");
            assertThat(result.width()).isEqualTo(2550);
            assertThat(result.height()).as("PDFRenderer floors 792 pt x 300/72 in float").isEqualTo(3299);
            assertThat(result.orientationDegrees()).isZero();
            double cer = TextMetrics.cer(written.pages().get(p).text(), result.readingOrderText());
            assertThat(cer).as("page %d CER\n%s", p + 1, result.readingOrderText()).isLessThanOrEqualTo(0.005);
            assertThat(result.lines()).allSatisfy(line -> assertThat(line.confidence()).isEqualTo(100));
        }
    }

    @Test
    void wordBoxesSitOnTheInkOfThePageRenderedAtTheSameDpi() throws Exception {
        for (int rotation : new int[] {0, 90}) {
            BornDigitalInvoices.Written written = BornDigitalInvoices.invoices(1, 8, rotation);
            PageResult result = read(written.pdf(), 0, PdfTextMode.AUTO).result().orElseThrow();
            BufferedImage render;
            try (PDDocument doc = Loader.loadPDF(written.pdf())) {
                render = new PDFRenderer(doc).renderImageWithDPI(0, DPI, ImageType.GRAY);
            }
            assertThat(result.width()).isEqualTo(render.getWidth());
            assertThat(result.height()).isEqualTo(render.getHeight());
            assertThat(result.orientationDegrees()).isEqualTo(rotation);
            int words = 0;
            for (Line line : result.lines()) {
                for (Word word : line.words()) {
                    words++;
                    // Every word box holds ink, and holds it near its middle (an offset box would miss it).
                    Box core = new Box(word.box().x() + word.box().width() / 4, word.box().y() + word.box().height() / 4,
                            Math.max(1, word.box().width() / 2), Math.max(1, word.box().height() / 2));
                    assertThat(darkPixels(render, core)).as("rotation %d word %s", rotation, word).isPositive();
                }
            }
            assertThat(words).isGreaterThan(40);
            double cer = TextMetrics.cer(written.pages().get(0).text(), result.readingOrderText());
            assertThat(cer).as("rotation %d CER", rotation).isLessThanOrEqualTo(0.005);
        }
    }

    @Test
    void aScannedPageHasNoTextLayerAndGoesToOcr() throws Exception {
        byte[] scan = BornDigitalInvoices.scannedPage(
                BornDigitalInvoices.scanOf(BornDigitalInvoices.invoices(1, 6, 0).pdf(), 150), false, 0);
        PdfTextLayer.Page page = read(scan, 0, PdfTextMode.AUTO);
        assertThat(page.verdict().readFromTextLayer()).isFalse();
        assertThat(page.verdict().reason()).isEqualTo("no-text");
        assertThat(page.result()).isEmpty();
    }

    @Test
    void aGoodInvisibleOcrLayerOverAScanIsUsedAndAnOffsetOneIsNot() throws Exception {
        BufferedImage image = BornDigitalInvoices.scanOf(BornDigitalInvoices.invoices(1, 6, 0).pdf(), 150);
        PdfTextLayer.Page aligned = read(BornDigitalInvoices.scannedPage(image, true, 0), 0, PdfTextMode.AUTO);
        assertThat(aligned.verdict().reason()).as("%s", aligned.verdict()).isEqualTo("usable-invisible-layer");
        assertThat(aligned.verdict().invisibleGlyphs()).isPositive();

        PdfTextLayer.Page offset = read(BornDigitalInvoices.scannedPage(image, true, 40), 0, PdfTextMode.AUTO);
        assertThat(offset.verdict().readFromTextLayer()).as("%s", offset.verdict()).isFalse();
        assertThat(offset.verdict().reason()).isEqualTo("uncovered-ink");
    }

    @Test
    void aPageWithAPastedScanIsOcredWhole() throws Exception {
        BufferedImage image = BornDigitalInvoices.scanOf(BornDigitalInvoices.invoices(1, 6, 0).pdf(), 100);
        PdfTextLayer.Page page = read(BornDigitalInvoices.invoiceWithPastedScan(image), 0, PdfTextMode.AUTO);
        assertThat(page.verdict().readFromTextLayer()).as("%s", page.verdict()).isFalse();
        assertThat(page.verdict().reason()).isEqualTo("uncovered-ink");
        assertThat(page.verdict().inkCoverage()).isLessThan(TextLayerCheck.DEFAULT.minInkCoverage());
    }

    @Test
    void aFontWithoutToUnicodeIsDetectedAndTheModesOverride() throws Exception {
        byte[] pdf = BornDigitalInvoices.withoutToUnicode();
        PdfTextLayer.Page auto = read(pdf, 0, PdfTextMode.AUTO);
        assertThat(auto.verdict().readFromTextLayer()).as("%s", auto.verdict()).isFalse();
        assertThat(auto.verdict().reason()).isEqualTo("unmapped-glyphs");
        assertThat(auto.verdict().glyphs()).as("PDFBox drops the unmapped glyphs").isZero();

        byte[] good = BornDigitalInvoices.invoices(1, 4, 0).pdf();
        assertThat(read(good, 0, PdfTextMode.NEVER).verdict().readFromTextLayer()).isFalse();
        assertThat(read(good, 0, PdfTextMode.ALWAYS).result()).isPresent();
    }

    private static int darkPixels(BufferedImage image, Box box) {
        Box b = box.clippedTo(image.getWidth(), image.getHeight());
        int dark = 0;
        for (int y = b.y(); y < b.bottom(); y++) {
            for (int x = b.x(); x < b.right(); x++) {
                if ((image.getRGB(x, y) & 0xff) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
