package io.deepreader.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.extract.fields.ExpenseField;
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
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A born-digital receipt PDF read from its text layer goes through the extractor unchanged: fields, hOCR, ALTO,
 * Textract JSON, and a searchable PDF that keeps the original page (no image of it).
 */
class BornDigitalExtractionTest {
    private static final String[] ROWS = {
        "GOLDEN MART SDN BHD",
        "NO 12, JALAN MEWAH 3,",
        "TAMAN SRI MUDA, 40400 SHAH ALAM",
        "TAX INVOICE",
        "DATE: 25/12/2018",
        "RICE 10KG 1 42.50",
        "COOKING OIL 2 15.80",
        "TOTAL RM 58.30",
    };
    @TempDir
    Path efs;

    @Test
    void textLayerPageFeedsEveryOutputAndTheSearchablePdfKeepsTheOriginalPage() throws Exception {
        byte[] pdfBytes = receiptPdf();
        try (TesseractPool pool = new TesseractPool(TesseractConfig.english(System.getenv("TESSDATA_PREFIX")), 1)) {
            OcrPipeline pipeline = new OcrPipeline(new DocumentDecoder(DocumentLimits.DEFAULT),
                    new PageProcessor(new Preprocessor(), new MorphologyLineDetector(), pool), new EfsLayout(efs),
                    PdfTextMode.AUTO);
            DocumentOutcome outcome = pipeline.process("batch1", new DocumentTask("born1", () -> pdfBytes));
            assertThat(outcome.isOk()).as(String.valueOf(outcome)).isTrue();
        }
        ExtractResponse response = new DocumentExtractor(new ExtractorConfig(efs, EnumSet.allOf(OutputFormat.class), 300))
                .extract(new ExtractRequest("batch1", "born1", null));
        assertThat(response.status()).isEqualTo(ExtractResponse.OK);

        Path dir = new EfsLayout(efs).documentDir("batch1", "born1");
        PageResult page = ResultJson.mapper().readValue(dir.resolve("page-0001.ocr.json").toFile(), PageResult.class);
        assertThat(page.detector()).isEqualTo("pdf-text");
        assertThat(page.lines()).extracting(l -> l.text()).containsExactly(ROWS);

        ExtractResult result = ResultJson.mapper().readValue(dir.resolve("extract.json").toFile(), ExtractResult.class);
        Map<String, String> fields = result.summaryFields().stream()
                .collect(Collectors.toMap(f -> f.type().name(), ExpenseField::value, (a, b) -> a));
        assertThat(fields).containsEntry("INVOICE_RECEIPT_DATE", "25/12/2018").containsEntry("TOTAL", "58.30")
                .containsEntry("VENDOR_NAME", "GOLDEN MART SDN BHD");

        assertThat(Files.readString(dir.resolve("page-0001.hocr"))).contains("ocrx_word").contains("GOLDEN");
        assertThat(Files.readString(dir.resolve("page-0001.alto.xml"))).contains("CONTENT=\"GOLDEN\"");
        JsonNode textract = ResultJson.mapper().readTree(dir.resolve("textract.json").toFile());
        List<String> lines = new ArrayList<>();
        textract.get("Blocks").forEach(b -> {
            if ("LINE".equals(b.get("BlockType").asText())) {
                lines.add(b.get("Text").asText());
            }
        });
        assertThat(lines).containsExactly(ROWS);

        try (PDDocument searchable = Loader.loadPDF(dir.resolve("searchable.pdf").toFile())) {
            assertThat(searchable.getNumberOfPages()).isEqualTo(1);
            PDPage kept = searchable.getPage(0);
            assertThat(kept.getMediaBox().getWidth()).isEqualTo(PDRectangle.LETTER.getWidth());
            for (var name : kept.getResources().getXObjectNames()) {
                assertThat(kept.getResources().getXObject(name)).isNotInstanceOf(PDImageXObject.class);
            }
            String text = new PDFTextStripper().getText(searchable);
            assertThat(text.strip().split("\\R")).containsExactly(ROWS);
        }
    }

    private static byte[] receiptPdf() throws Exception {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            pdf.addPage(page);
            try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                c.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                for (int i = 0; i < ROWS.length; i++) {
                    c.beginText();
                    c.newLineAtOffset(60, 720 - 22 * i);
                    c.showText(ROWS[i]);
                    c.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
