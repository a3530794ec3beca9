package io.deepreader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.result.PageDetections;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Issue 15's first acceptance item, the OCR side: 20 SROIE receipts (report split 300-319) go through
 * {@code LambdaClient} -> serve mode's Invoke API -> the Runtime API -> the real runtime interface client
 * -> {@code OcrHandler} in a child JVM (the shaded deployment jar, as Lambda runs it), four invocations of
 * five receipts in one environment: the first a cold start (REPORT with Init Duration), the others warm.
 * And a missing CTPN model reaches the caller as Lambda's init error.
 */
class ProcessModeOcrTest {
    private static final Path SROIE = Path.of(System.getProperty("shared.dir", "../../shared"), "data", "sroie-dev");
    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: (\\S+)\\tDuration: ([0-9.]+) ms\\tBilled Duration: (\\d+) ms\\tMemory Size: (\\d+) MB"
                    + "\\tMax Memory Used: (\\d+) MB(\\tInit Duration: ([0-9.]+) ms)?");

    @TempDir
    Path efs;

    @Test
    void twentyReceiptsThroughTheRuntimeInterfaceClientInAChildJvm() throws Exception {
        List<SroieReceipt> receipts = SroieReceipt.loadRange(SROIE, 300, 320);
        assertThat(receipts).hasSize(20);
        Files.createDirectories(efs.resolve("inbox"));
        for (SroieReceipt r : receipts) {
            Files.copy(r.image(), efs.resolve("inbox/" + r.id() + ".jpg"));
        }
        List<Matcher> reports = new ArrayList<>();
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                ProcessModeFunctions.ocr("ocr", Map.of("EFS_ROOT", efs.toString(), "DETECTOR", "opencv", "OCR_WORKERS", "2"))
                        .withTimeout(Duration.ofSeconds(300)).withMemoryMb(2048))));
             LambdaClient client = ProcessModeFunctions.client(server)) {
            for (int batch = 0; batch < 4; batch++) {
                List<Map<String, String>> docs = new ArrayList<>();
                for (SroieReceipt r : receipts.subList(batch * 5, batch * 5 + 5)) {
                    docs.add(Map.of("docId", "r" + r.id(), "efsPath", "inbox/" + r.id() + ".jpg"));
                }
                String request = ResultJson.mapper().writeValueAsString(Map.of("batchId", "pm", "documents", docs));
                InvokeResponse response = client.invoke(r -> r.functionName("ocr").logType(LogType.TAIL)
                        .payload(SdkBytes.fromUtf8String(request)));

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
                JsonNode body = ResultJson.mapper().readTree(response.payload().asByteArray());
                assertThat(body.get("ok").asInt()).as(body.toString()).isEqualTo(5);
                assertThat(body.get("detector").asText()).isEqualTo("opencv-morphology");
                String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
                Matcher report = REPORT.matcher(tail);
                assertThat(report.find()).as("REPORT line in the log tail:%n%s", tail).isTrue();
                // The tail is Lambda's last 4 KB: END and REPORT are in it (START may be cut off by the handler's lines).
                assertThat(tail).contains("END RequestId: " + report.group(1));
                assertThat(report.group(1)).isEqualTo(response.responseMetadata().requestId());
                reports.add(report);
            }
        }

        // One environment served all four: a cold start, then three warm invocations.
        for (int i = 0; i < reports.size(); i++) {
            Matcher report = reports.get(i);
            System.out.println("process mode: " + report.group());
            assertThat(report.group(4)).isEqualTo("2048");
            // The child's peak RSS (VmHWM): a JVM with Tesseract and OpenCV loaded is well above 100 MB.
            assertThat(Long.parseLong(report.group(5))).isBetween(100L, 2048L + 1024L);
            assertThat(report.group(7) != null).as("Init Duration only on the cold start: %s", report.group())
                    .isEqualTo(i == 0);
            assertThat(Long.parseLong(report.group(3))).isGreaterThanOrEqualTo((long) Math.floor(Double.parseDouble(report.group(2))));
        }

        // Real OCR, same bars as the in-process HandlerBatchTest over the same receipts.
        EfsLayout layout = new EfsLayout(efs);
        LineMatch detection = new LineMatch(0, 0, 0);
        double cerSum = 0;
        for (SroieReceipt r : receipts) {
            String doc = "r" + r.id();
            assertThat(layout.documentManifest("pm", doc)).isRegularFile();
            PageDetections det = ResultJson.mapper().readValue(layout.detections("pm", doc, 1).toFile(), PageDetections.class);
            PageResult page = ResultJson.mapper().readValue(layout.ocrJson("pm", doc, 1).toFile(), PageResult.class);
            detection = detection.plus(LineMatch.of(r.boxes(), det.lines().stream().map(DetectedLine::box).toList(), 0.5));
            cerSum += TextMetrics.cer(r.text(), page.readingOrderText());
        }
        System.out.printf("process mode, OpenCV detector on SROIE 300-319: recall=%.3f precision=%.3f; mean page CER=%.3f%n",
                detection.recall(), detection.precision(), cerSum / receipts.size());
        assertThat(detection.recall()).isGreaterThan(0.7);
        assertThat(cerSum / receipts.size()).isLessThan(0.35);
    }

    @Test
    void aMissingCtpnModelIsReportedAsAnInitError() throws Exception {
        // An EFS root without models/ctpn: the handler's constructor (the runtime's init phase) fails.
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                ProcessModeFunctions.ocr("ocr", Map.of("EFS_ROOT", efs.toString(), "DETECTOR", "ctpn", "OCR_WORKERS", "1"))
                        .withTimeout(Duration.ofSeconds(120)).withMemoryMb(1024))));
             LambdaClient client = ProcessModeFunctions.client(server)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                InvokeResponse response = client.invoke(r -> r.functionName("ocr").logType(LogType.TAIL)
                        .payload(SdkBytes.fromUtf8String("{\"batchId\":\"b\",\"documents\":[]}")));

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.functionError()).isEqualTo("Unhandled");
                JsonNode error = ResultJson.mapper().readTree(response.payload().asByteArray());
                assertThat(error.get("errorType").asText()).as(error.toString())
                        .isEqualTo("io.deepreader.ctpn.loader.ModelNotFoundException");
                assertThat(error.get("errorMessage").asText()).contains("no model selected");
                String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
                // Each attempt is a fresh environment's init, as on Lambda after a failed init.
                assertThat(tail).as(tail).contains("ModelNotFoundException");
            }
        }
    }
}
