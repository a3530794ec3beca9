package io.deepreader.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.extract.formats.OutputFormat;
import io.deepreader.extract.testing.Pages;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorHandlerTest {
    @TempDir
    Path efs;
    private EfsLayout layout;
    private ExtractorHandler handler;

    @BeforeEach
    void setUp() {
        layout = new EfsLayout(efs);
        handler = new ExtractorHandler(new DocumentExtractor(
                new ExtractorConfig(efs, EnumSet.allOf(OutputFormat.class), 300)));
    }

    @Test
    void writesExtractJsonAndFormatsNextToTheOcrOutput() throws Exception {
        PageResult page = Pages.receipt("SAM SAM TRADING CO", "67,JLN MEWAH 25/63 TMN SRI MUDA,", "40400 SHAH ALAM.",
                "TEL/FAX : 03-51213881", "TAX INVOICE", "29-12-2017", "TOTAL|RM 14.10", "CASH|RM 20.00", "CHANGE|RM 5.90");
        writeOcr("batch-1", "doc-1", page, true);

        JsonNode response = invoke("{\"batchId\":\"batch-1\",\"docId\":\"doc-1\"}");

        assertThat(response.get("status").asText()).isEqualTo("OK");
        assertThat(response.get("pages").asInt()).isEqualTo(1);
        Path dir = layout.documentDir("batch-1", "doc-1");
        assertThat(response.get("outputs")).extracting(JsonNode::asText).containsExactly(
                "page-0001.hocr", "page-0001.alto.xml", "textract.json", "searchable.pdf",
                // TOTAL / CASH / CHANGE with their amounts at the right: a 3-row, 2-column unruled table
                "page-0001.table-01.csv", "tables.json", "extract.json");
        for (JsonNode out : response.get("outputs")) {
            assertThat(dir.resolve(out.asText())).isNotEmptyFile();
        }
        ExtractResult result = ResultJson.mapper().readValue(dir.resolve("extract.json").toFile(), ExtractResult.class);
        assertThat(result.batchId()).isEqualTo("batch-1");
        assertThat(result.currency()).isEqualTo("MYR");
        assertThat(result.summaryFields()).extracting(f -> f.type() + "=" + f.value()).contains(
                "VENDOR_NAME=SAM SAM TRADING CO", "INVOICE_RECEIPT_DATE=29-12-2017", "TOTAL=14.10",
                "VENDOR_ADDRESS=67,JLN MEWAH 25/63 TMN SRI MUDA, 40400 SHAH ALAM.");
        assertThat(result.lines()).hasSize(page.lines().size());
        // No temp files left behind by the atomic writes.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void requestChoosesFormats() throws Exception {
        writeOcr("b", "d", Pages.receipt("HELLO"), false);
        JsonNode response = invoke("{\"batchId\":\"b\",\"docId\":\"d\",\"formats\":[\"textract\"]}");
        assertThat(response.get("outputs")).extracting(JsonNode::asText).containsExactly("textract.json", "extract.json");
        assertThat(invoke("{\"batchId\":\"b\",\"docId\":\"d\",\"formats\":[]}").get("outputs"))
                .extracting(JsonNode::asText).containsExactly("extract.json");
        assertThat(invoke("{\"batchId\":\"b\",\"docId\":\"d\",\"formats\":[\"docx\"]}").get("status").asText())
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void invalidIdsNeverBecomePaths() throws Exception {
        for (String request : List.of("{\"batchId\":\"../etc\",\"docId\":\"d\"}", "{\"batchId\":\"b\",\"docId\":\"a/../../x\"}",
                "{\"batchId\":\"b\"}", "not json")) {
            JsonNode response = invoke(request);
            assertThat(response.get("status").asText()).as(request).isEqualTo("INVALID_REQUEST");
        }
        try (Stream<Path> files = Files.walk(efs)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void documentWithoutOcrOutputIsReportedNotThrown() throws Exception {
        Files.createDirectories(layout.documentDir("b", "empty"));
        assertThat(invoke("{\"batchId\":\"b\",\"docId\":\"empty\"}").get("status").asText()).isEqualTo("NO_OCR_OUTPUT");
        assertThat(invoke("{\"batchId\":\"b\",\"docId\":\"never\"}").get("status").asText()).isEqualTo("NO_OCR_OUTPUT");
    }

    @Test
    void unreadableOcrOutputIsAnErrorForLambdaToRetry() throws Exception {
        Path dir = layout.documentDir("b", "bad");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("page-0001.ocr.json"), "{ truncated");
        assertThatThrownBy(() -> invoke("{\"batchId\":\"b\",\"docId\":\"bad\"}")).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void configFromEnvironment() {
        ExtractorConfig config = ExtractorConfig.fromEnv(Map.of("EFS_ROOT", "/tmp/x", "EXTRACT_FORMATS", "pdf, hocr"));
        assertThat(config.efsRoot()).isEqualTo(Path.of("/tmp/x"));
        assertThat(config.defaultFormats()).containsExactlyInAnyOrder(OutputFormat.PDF, OutputFormat.HOCR);
        assertThat(ExtractorConfig.fromEnv(Map.of("EXTRACT_FORMATS", "NONE")).defaultFormats()).isEmpty();
        assertThat(ExtractorConfig.fromEnv(Map.of()).efsRoot()).isEqualTo(Path.of("/mnt/efs"));
    }

    private JsonNode invoke(String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
        return ResultJson.mapper().readTree(out.toByteArray());
    }

    private void writeOcr(String batchId, String docId, PageResult page, boolean withImage) throws Exception {
        PageResult p = new PageResult(page.schemaVersion(), batchId, docId, 1, page.width(), page.height(), 0, "test",
                page.blocks(), page.timingsMs());
        Path dir = layout.documentDir(batchId, docId);
        Files.createDirectories(dir);
        ResultJson.mapper().writeValue(layout.ocrJson(batchId, docId, 1).toFile(), p);
        if (withImage) {
            ImageIO.write(new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_BYTE_GRAY), "png",
                    layout.preprocessedPage(batchId, docId, 1).toFile());
        }
        Files.writeString(layout.documentManifest(batchId, docId), "{\"status\":\"OK\"}");
    }
}
