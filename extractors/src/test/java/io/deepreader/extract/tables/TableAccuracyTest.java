package io.deepreader.extract.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.extract.DocumentExtractor;
import io.deepreader.extract.ExtractRequest;
import io.deepreader.extract.ExtractResponse;
import io.deepreader.extract.ExtractorConfig;
import io.deepreader.extract.formats.OutputFormat;
import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.document.DocumentLimits;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pdftext.PdfTextMode;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentTask;
import io.deepreader.ocr.pipeline.OcrPipeline;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18's table acceptance: generated invoices with known cells through the real pipeline (the OCR pipeline writing
 * EFS outputs, then the extractor function's DocumentExtractor reading them back), once born-digital (the PDF read from
 * its text layer) and once as 300 dpi scans of the same pages (OpenCV preprocessing, the morphology line detector,
 * Tesseract). Ruled tables must reach cell accuracy 0.95 both ways; unruled ones are reported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableAccuracyTest {
    private static final String BATCH = "tables";
    @TempDir
    static Path efs;
    private final List<TableInvoices.Invoice> invoices = new ArrayList<>();

    @BeforeAll
    void runPipeline() throws Exception {
        for (int seed = 1; seed <= 2; seed++) {
            for (TableInvoices.Layout layout : TableInvoices.RULED) {
                invoices.add(TableInvoices.invoice(layout, seed));
            }
            for (TableInvoices.Layout layout : TableInvoices.UNRULED) {
                invoices.add(TableInvoices.invoice(layout, seed));
            }
        }
        try (TesseractPool pool = new TesseractPool(TesseractConfig.english(System.getenv("TESSDATA_PREFIX")), 2)) {
            OcrPipeline pipeline = new OcrPipeline(new DocumentDecoder(DocumentLimits.DEFAULT),
                    new PageProcessor(new Preprocessor(), new MorphologyLineDetector(), pool), new EfsLayout(efs),
                    PdfTextMode.AUTO);
            for (TableInvoices.Invoice invoice : invoices) {
                byte[] pdf = invoice.pdf();
                DocumentOutcome digital = pipeline.process(BATCH, new DocumentTask(invoice.name() + "-pdf", () -> pdf));
                assertThat(digital.isOk()).as(String.valueOf(digital)).isTrue();
                if (invoice.name().endsWith("-1")) { // scans of one seed: OCR is the slow part
                    byte[] png = scan(pdf);
                    DocumentOutcome scanned = pipeline.process(BATCH, new DocumentTask(invoice.name() + "-scan", () -> png));
                    assertThat(scanned.isOk()).as(String.valueOf(scanned)).isTrue();
                    byte[] jpeg = skewedJpeg(pdf);
                    DocumentOutcome skewed = pipeline.process(BATCH, new DocumentTask(invoice.name() + "-skew", () -> jpeg));
                    assertThat(skewed.isOk()).as(String.valueOf(skewed)).isTrue();
                }
            }
        }
        DocumentExtractor extractor = new DocumentExtractor(
                new ExtractorConfig(efs, EnumSet.of(OutputFormat.TABLES, OutputFormat.TEXTRACT), TableInvoices.DPI));
        for (TableInvoices.Invoice invoice : invoices) {
            for (String kind : List.of("-pdf", "-scan", "-skew")) {
                if (!kind.equals("-pdf") && !invoice.name().endsWith("-1")) {
                    continue;
                }
                ExtractResponse response = extractor.extract(new ExtractRequest(BATCH, invoice.name() + kind, null));
                assertThat(response.status()).isEqualTo(ExtractResponse.OK);
            }
        }
    }

    @Test
    void ruledTablesReadFromTheTextLayerHaveCellAccuracyOf095() throws Exception {
        TableScore score = score(TableKind.RULED, "-pdf");
        assertThat(score.accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void ruledTablesOfScannedPagesHaveCellAccuracyOf095() throws Exception {
        TableScore score = score(TableKind.RULED, "-scan");
        assertThat(score.accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * The same scans fed crooked (turned 1.5 degrees) and as JPEG: the pipeline deskews the page, rulings are found on
     * the deskewed page image and must be mapped back to the original pixels the words are in.
     */
    @Test
    void ruledTablesOfSkewedJpegScansHaveCellAccuracyOf095() throws Exception {
        TableScore score = score(TableKind.RULED, "-skew");
        assertThat(score.accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void unruledTablesAreFoundAndTheirAccuracyReported() throws Exception {
        TableScore digital = score(TableKind.UNRULED, "-pdf");
        TableScore scanned = score(TableKind.UNRULED, "-scan");
        score(TableKind.UNRULED, "-skew");
        // Reported, not a target (issue 18); every unruled table must at least be found.
        assertThat(digital.tablesMatched).isEqualTo(digital.tables);
        assertThat(scanned.tablesMatched).isEqualTo(scanned.tables);
    }

    @Test
    void everyTableFileIsCompleteAndTextractHasItsTableAndCellBlocks() throws Exception {
        EfsLayout layout = new EfsLayout(efs);
        for (TableInvoices.Invoice invoice : invoices) {
            Path dir = layout.documentDir(BATCH, invoice.name() + "-pdf");
            TablesResult tables = ResultJson.mapper().readValue(dir.resolve(TablesWriter.TABLES_JSON).toFile(), TablesResult.class);
            JsonNode textract = ResultJson.mapper().readTree(dir.resolve(DocumentExtractor.TEXTRACT_JSON).toFile());
            int tableBlocks = 0;
            int cellBlocks = 0;
            for (JsonNode block : textract.get("Blocks")) {
                String type = block.get("BlockType").asText();
                if (type.equals("TABLE")) {
                    tableBlocks++;
                } else if (type.equals("CELL")) {
                    cellBlocks++;
                    assertThat(block.get("RowIndex").asInt()).isPositive();
                    assertThat(block.get("ColumnIndex").asInt()).isPositive();
                    assertThat(block.get("RowSpan").asInt()).isEqualTo(1);
                    assertThat(block.get("ColumnSpan").asInt()).isEqualTo(1);
                }
            }
            assertThat(tableBlocks).isEqualTo(tables.tableCount());
            int positions = tables.pages().stream().flatMap(p -> p.tables().stream()).mapToInt(t -> t.rows() * t.cols()).sum();
            assertThat(cellBlocks).isEqualTo(positions);
            for (PageTables page : tables.pages()) {
                for (Table table : page.tables()) {
                    assertThat(Files.readString(dir.resolve(table.csv()))).isEqualTo(TableCsv.of(table));
                }
            }
        }
    }

    private TableScore score(TableKind kind, String suffix) throws Exception {
        TableScore score = new TableScore();
        StringBuilder errors = new StringBuilder();
        EfsLayout layout = new EfsLayout(efs);
        for (TableInvoices.Invoice invoice : invoices) {
            if (!suffix.equals("-pdf") && !invoice.name().endsWith("-1")) {
                continue;
            }
            Path dir = layout.documentDir(BATCH, invoice.name() + suffix);
            TablesResult tables = ResultJson.mapper().readValue(dir.resolve(TablesWriter.TABLES_JSON).toFile(), TablesResult.class);
            for (TableInvoices.Truth truth : invoice.tables()) {
                if (truth.kind() == kind) {
                    score.add(truth, tables.pages().get(0).tables(), errors, invoice.name() + suffix);
                }
            }
        }
        System.out.println("tables " + kind + " " + switch (suffix) {
            case "-pdf" -> "born-digital (text layer)";
            case "-scan" -> "scanned (OCR)";
            default -> "scanned, turned 1.5 degrees, JPEG (OCR)";
        }
                + ": " + score);
        if (!errors.isEmpty()) {
            System.out.println(errors);
        }
        return score;
    }

    /** The page rendered at 300 dpi, turned 1.5 degrees about its centre on white paper, saved as JPEG (quality 0.85). */
    private static byte[] skewedJpeg(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var page = new PDFRenderer(doc).renderImageWithDPI(0, TableInvoices.DPI, ImageType.GRAY);
            var turned = new java.awt.image.BufferedImage(page.getWidth(), page.getHeight(), java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            var g = turned.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, turned.getWidth(), turned.getHeight());
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.rotate(Math.toRadians(1.5), page.getWidth() / 2.0, page.getHeight() / 2.0);
            g.drawImage(page, 0, 0, null);
            g.dispose();
            var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            var params = writer.getDefaultWriteParam();
            params.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            params.setCompressionQuality(0.85f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new javax.imageio.IIOImage(turned, null, null), params);
            }
            writer.dispose();
            return out.toByteArray();
        }
    }

    private static byte[] scan(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var image = new PDFRenderer(doc).renderImageWithDPI(0, TableInvoices.DPI, ImageType.GRAY);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
    }
}
