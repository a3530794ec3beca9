package io.deepreader.ocr.pdftext;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.document.DocumentLimits;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentTask;
import io.deepreader.ocr.pipeline.OcrPipeline;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.ocr.testing.Engines;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reused result must have been read under the same PDF_TEXT setting: document.json records it for a PDF, and the
 * same bytes sent again under another setting are read again (text layer vs OCR), under the same one reused.
 */
class PdfTextReuseTest {
    private static TesseractPool pool;
    @TempDir
    Path efs;

    @BeforeAll
    static void engines() {
        pool = Engines.tesseract(1);
    }

    @AfterAll
    static void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private OcrPipeline pipeline(PdfTextMode mode) {
        return new OcrPipeline(new DocumentDecoder(DocumentLimits.DEFAULT),
                new PageProcessor(new Preprocessor(), new MorphologyLineDetector(), pool), new EfsLayout(efs), mode);
    }

    @Test
    void aPdfIsReusedOnlyUnderThePdfTextSettingItWasReadWith() throws Exception {
        byte[] pdf = BornDigitalInvoices.invoices(1, 3, 0).pdf();
        DocumentTask task = new DocumentTask("inv", () -> pdf);

        DocumentOutcome first = pipeline(PdfTextMode.AUTO).process("reuse", task);
        assertThat(first.isOk()).as(String.valueOf(first)).isTrue();
        assertThat(first.reused()).isFalse();
        assertThat(manifest().path("pdfText").asText()).isEqualTo("auto");
        assertThat(page().detector()).isEqualTo(PdfTextLayer.DETECTOR);

        assertThat(pipeline(PdfTextMode.AUTO).process("reuse", task).reused()).isTrue();

        DocumentOutcome never = pipeline(PdfTextMode.NEVER).process("reuse", task);
        assertThat(never.reused()).as("PDF_TEXT changed auto -> never").isFalse();
        assertThat(manifest().path("pdfText").asText()).isEqualTo("never");
        assertThat(page().detector()).isEqualTo("opencv-morphology");
        assertThat(pipeline(PdfTextMode.NEVER).process("reuse", task).reused()).isTrue();

        assertThat(pipeline(PdfTextMode.AUTO).process("reuse", task).reused()).as("never -> auto").isFalse();
        assertThat(page().detector()).isEqualTo(PdfTextLayer.DETECTOR);
    }

    private JsonNode manifest() throws Exception {
        return ResultJson.mapper().readTree(new EfsLayout(efs).documentManifest("reuse", "inv").toFile());
    }

    private PageResult page() throws Exception {
        return ResultJson.mapper().readValue(new EfsLayout(efs).ocrJson("reuse", "inv", 1).toFile(), PageResult.class);
    }
}
