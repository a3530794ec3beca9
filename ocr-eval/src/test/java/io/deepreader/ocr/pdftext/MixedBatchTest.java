package io.deepreader.ocr.pdftext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.document.DocumentLimits;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.orientation.OrientationDetector;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentStatus;
import io.deepreader.ocr.pipeline.DocumentTask;
import io.deepreader.ocr.pipeline.OcrPipeline;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.ocr.testing.Engines;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Born-digital and scanned pages in one batch through the real pipeline (OpenCV detector, Tesseract, orientation
 * detection on as in the function): text-layer pages come out of their text, the others are OCRed as before. The
 * same born-digital pages with PDF_TEXT=never give the OCR time the text layer saves; the ratio is printed, never
 * asserted.
 */
class MixedBatchTest {
    private static TesseractPool pool;
    @TempDir
    Path efs;

    @BeforeAll
    static void engines() {
        assumeTrue(BornDigitalInvoices.DEJAVU.isFile(), "skipped: DejaVuSans.ttf (fonts-dejavu-core) is not installed");
        pool = Engines.tesseract(1);
    }

    @AfterAll
    static void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private OcrPipeline pipeline(Path root, PdfTextMode mode) {
        return new OcrPipeline(new DocumentDecoder(DocumentLimits.DEFAULT),
                new PageProcessor(OrientationDetector.create(pool, true), new Preprocessor(), new MorphologyLineDetector(), pool),
                new EfsLayout(root), mode);
    }

    private PageResult page(Path root, String doc, int n) throws Exception {
        return ResultJson.mapper().readValue(new EfsLayout(root).ocrJson("mixed", doc, n).toFile(), PageResult.class);
    }

    private JsonNode verdict(Path root, String doc, int n) throws Exception {
        return ResultJson.mapper().readTree(TextLayerFiles.verdict(new EfsLayout(root), "mixed", doc, n).toFile());
    }

    @Test
    void textLayerPagesAreReadFromTheirTextAndScansAreOcredInOneBatch() throws Exception {
        BornDigitalInvoices.Written twoPages = BornDigitalInvoices.invoices(2, 10, 0);
        BornDigitalInvoices.Written rotated = BornDigitalInvoices.invoices(1, 5, 90);
        BornDigitalInvoices.Written scannedInvoice = BornDigitalInvoices.invoices(1, 6, 0);
        var scanImage = BornDigitalInvoices.scanOf(scannedInvoice.pdf(), 200);
        byte[] mixed = BornDigitalInvoices.concat(List.of(twoPages.pdf(), rotated.pdf(),
                BornDigitalInvoices.scannedPage(scanImage, false, 0),
                BornDigitalInvoices.invoiceWithPastedScan(BornDigitalInvoices.scanOf(scannedInvoice.pdf(), 100))));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(BornDigitalInvoices.scanOf(scannedInvoice.pdf(), 300), "png", png);
        byte[] born = BornDigitalInvoices.concat(List.of(twoPages.pdf(), rotated.pdf()));

        OcrPipeline auto = pipeline(efs, PdfTextMode.AUTO);
        List<DocumentOutcome> outcomes = List.of(auto.process("mixed", new DocumentTask("mixed-pdf", () -> mixed)),
                auto.process("mixed", new DocumentTask("scan-png", png::toByteArray)));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isEqualTo(DocumentStatus.OK));

        List<BornDigitalInvoices.Page> written = new ArrayList<>(twoPages.pages());
        written.addAll(rotated.pages());
        EfsLayout layout = new EfsLayout(efs);
        long textLayerMs = 0;
        for (int n = 1; n <= 3; n++) {
            PageResult result = page(efs, "mixed-pdf", n);
            assertThat(result.detector()).as("page %d", n).isEqualTo(PdfTextLayer.DETECTOR);
            double cer = TextMetrics.cer(written.get(n - 1).text(), result.readingOrderText());
            System.out.printf("text-layer page %d: CER %.4f, %d lines, %d ms%n", n, cer, result.lines().size(),
                    result.timingsMs().get("textLayerMs"));
            assertThat(cer).isLessThanOrEqualTo(0.005);
            assertThat(verdict(efs, "mixed-pdf", n).get("reason").asText()).isEqualTo("usable");
            assertThat(layout.preprocessedPage("mixed", "mixed-pdf", n)).doesNotExist();
            assertThat(TextLayerFiles.originalPage(layout, "mixed", "mixed-pdf", n)).isRegularFile();
            textLayerMs += result.timingsMs().get("textLayerMs");
        }
        assertThat(page(efs, "mixed-pdf", 3).orientationDegrees()).isEqualTo(90);

        PageResult scan = page(efs, "mixed-pdf", 4);
        assertThat(scan.detector()).isEqualTo(new MorphologyLineDetector().name());
        assertThat(verdict(efs, "mixed-pdf", 4).get("reason").asText()).isEqualTo("no-text");
        assertThat(layout.preprocessedPage("mixed", "mixed-pdf", 4)).isRegularFile();
        PageResult pasted = page(efs, "mixed-pdf", 5);
        assertThat(pasted.detector()).isEqualTo(new MorphologyLineDetector().name());
        assertThat(verdict(efs, "mixed-pdf", 5).get("reason").asText()).isEqualTo("uncovered-ink");
        PageResult pngScan = page(efs, "scan-png", 1);
        assertThat(TextLayerFiles.verdict(layout, "mixed", "scan-png", 1)).doesNotExist();
        // The scan inside the PDF is OCRed as the same scan as a PNG is ("as before"): same pipeline, near the same
        // text. The level itself (CER ~0.46 on this ruled invoice with the OpenCV detector) is the OCR path's own.
        String truth = scannedInvoice.pages().get(0).text();
        double pdfScanCer = TextMetrics.cer(truth, scan.readingOrderText());
        double pngScanCer = TextMetrics.cer(truth, pngScan.readingOrderText());
        System.out.printf("scanned page in the PDF: CER %.4f, %s; the same invoice as a 300 dpi PNG: CER %.4f, %s%n",
                pdfScanCer, scan.timingsMs(), pngScanCer, pngScan.timingsMs());
        assertThat(scan.lines()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(Math.abs(pdfScanCer - pngScanCer)).isLessThanOrEqualTo(0.05);

        Path never = Files.createDirectories(efs.resolve("never"));
        assertThat(pipeline(never, PdfTextMode.NEVER).process("mixed", new DocumentTask("mixed-pdf", () -> born)).status())
                .isEqualTo(DocumentStatus.OK);
        long ocrMs = 0;
        for (int n = 1; n <= 3; n++) {
            PageResult ocr = page(never, "mixed-pdf", n);
            assertThat(ocr.detector()).isEqualTo(new MorphologyLineDetector().name());
            ocrMs += ocr.timingsMs().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("same page %d OCRed (PDF_TEXT=never): CER %.4f, %s%n", n,
                    TextMetrics.cer(written.get(n - 1).text(), ocr.readingOrderText()), ocr.timingsMs());
        }
        System.out.printf("bench: text layer %d ms vs OCR %d ms for the same 3 born-digital pages: ratio %.4f (1/%.0f)%n",
                textLayerMs, ocrMs, (double) textLayerMs / ocrMs, (double) ocrMs / Math.max(1, textLayerMs));
    }
}
