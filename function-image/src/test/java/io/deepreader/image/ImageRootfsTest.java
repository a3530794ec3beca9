package io.deepreader.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ctpn.loader.ModelStore;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.result.PageDetections;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ProcessDeployment;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The container image's own root file system as the OCR function's execution environment: LambdaClient ->
 * serve mode's Invoke API -> Runtime API -> the image's ENTRYPOINT (Debian's JRE, the RIC in
 * /var/runtime/lib) -> OcrHandler from /var/task/lib, with TensorFlow's natives from /opt/tensorflow-1.1.0
 * and Debian's libtesseract inside the image, the CTPN model from the EFS directory at /mnt/efs, as
 * Lambda's sandbox user on a read-only root. Needs `make image-test` (builds and unpacks the image; root).
 */
class ImageRootfsTest {
    private static final Path BUNDLE = Path.of(System.getProperty("image.bundle", "target/bundle"));
    private static final Path SROIE = Path.of(System.getProperty("shared.dir", "../../shared"), "data", "sroie-dev");
    private static final Path SHIPPED_MODELS = Path.of("..", "models", "ctpn");
    private static final String HANDLER = "io.deepreader.function.OcrHandler::handleRequest";
    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: (\\S+)\\tDuration: ([0-9.]+) ms\\tBilled Duration: (\\d+) ms\\tMemory Size: (\\d+) MB"
                    + "\\tMax Memory Used: (\\d+) MB(\\tInit Duration: ([0-9.]+) ms)?");

    @TempDir
    Path efs;

    @BeforeAll
    static void needsTheUnpackedImage() {
        boolean unpacked = Files.isRegularFile(BUNDLE.resolve("config.json")) && Files.isDirectory(BUNDLE.resolve("rootfs"));
        if (!unpacked) {
            System.out.println("ImageRootfsTest skipped: no unpacked image at " + BUNDLE.toAbsolutePath()
                    + " (run `make image-test`: it builds the image and unpacks it with umoci)");
        }
        assumeTrue(unpacked, "no unpacked image at " + BUNDLE.toAbsolutePath() + "; run `make image-test`");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            System.out.println("ImageRootfsTest skipped: mounting and chroot into the image's rootfs need root");
        }
        assumeTrue(root, "mounting and chroot into the image's rootfs need root");
    }

    private static LambdaClient client(LambdaInvokeServer server) {
        return LambdaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private ServedFunction imageFunction(Map<String, String> env) {
        // No artifacts: the function jar is the image's own /var/task/lib.
        ProcessDeployment deployment = ProcessDeployment.of(HANDLER, List.of(),
                new RootfsLauncher(BUNDLE, efs, RootfsLauncher.LAMBDA_USER)).withEnvironment(env);
        return ServedFunction.process("ocr", deployment).withMemoryMb(3008).withTimeout(Duration.ofSeconds(300));
    }

    /** The EFS access point maps every client to one POSIX user; here the sandbox user owns the directory. */
    private void ownEfsBySandboxUser() throws Exception {
        Process chown = new ProcessBuilder("chown", "-R", RootfsLauncher.LAMBDA_USER, efs.toString()).inheritIO().start();
        assertThat(chown.waitFor()).isZero();
    }

    @Test
    void receiptsAreOcredWithCtpnInsideTheImagesRootFileSystem() throws Exception {
        String version = Files.readString(SHIPPED_MODELS.resolve("current")).strip();
        new ModelStore(new EfsLayout(efs)).install(SHIPPED_MODELS.resolve(version), version, true);
        List<SroieReceipt> receipts = SroieReceipt.loadRange(SROIE, 300, 306);
        assertThat(receipts).hasSize(6);
        Files.createDirectories(efs.resolve("inbox"));
        for (SroieReceipt r : receipts) {
            Files.copy(r.image(), efs.resolve("inbox/" + r.id() + ".jpg"));
        }
        ownEfsBySandboxUser();

        List<Matcher> reports = new ArrayList<>();
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                imageFunction(Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "2")))));
             LambdaClient client = client(server)) {
            for (int batch = 0; batch < 2; batch++) {
                List<Map<String, String>> docs = new ArrayList<>();
                for (SroieReceipt r : receipts.subList(batch * 3, batch * 3 + 3)) {
                    docs.add(Map.of("docId", "r" + r.id(), "efsPath", "inbox/" + r.id() + ".jpg"));
                }
                String request = ResultJson.mapper().writeValueAsString(Map.of("batchId", "image", "documents", docs));
                InvokeResponse response = client.invoke(r -> r.functionName("ocr").logType(LogType.TAIL)
                        .payload(SdkBytes.fromUtf8String(request)));

                String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
                assertThat(response.functionError()).as("%s%n%s", response.payload().asUtf8String(), tail).isNull();
                JsonNode body = ResultJson.mapper().readTree(response.payload().asByteArray());
                assertThat(body.get("ok").asInt()).as(body.toString()).isEqualTo(3);
                assertThat(body.get("detector").asText()).startsWith("ctpn");
                Matcher report = REPORT.matcher(tail);
                assertThat(report.find()).as("REPORT line in the log tail:%n%s", tail).isTrue();
                reports.add(report);
                System.out.println("image rootfs: " + report.group());
            }
        }
        assertThat(reports.get(0).group(7)).as("cold start carries Init Duration").isNotNull();
        assertThat(reports.get(1).group(7)).as("warm start: same environment, no Init Duration").isNull();

        EfsLayout layout = new EfsLayout(efs);
        LineMatch match = new LineMatch(0, 0, 0);
        double cer = 0;
        for (SroieReceipt r : receipts) {
            String doc = "r" + r.id();
            // Written inside the image by the sandbox user, not by this (root) JVM.
            assertThat(Files.getAttribute(layout.documentManifest("image", doc), "unix:uid")).isEqualTo(993);
            PageDetections det = ResultJson.mapper().readValue(layout.detections("image", doc, 1).toFile(), PageDetections.class);
            PageResult page = ResultJson.mapper().readValue(layout.ocrJson("image", doc, 1).toFile(), PageResult.class);
            match = match.plus(LineMatch.of(r.boxes(), det.lines().stream().map(DetectedLine::box).toList(), 0.5));
            cer += TextMetrics.cer(r.text(), page.readingOrderText());
        }
        System.out.printf("image rootfs, CTPN on SROIE 300-305: P=%.3f R=%.3f F1=%.3f mean page CER=%.3f%n",
                match.precision(), match.recall(), match.f1(), cer / receipts.size());
        // Same bars as CtpnHandlerTest (in-process, host libraries): the image's Debian libraries read as well.
        assertThat(match.recall()).isGreaterThan(0.7);
        assertThat(cer / receipts.size()).isLessThan(0.25);
    }

    @Test
    void aMissingModelOnEfsIsAnInitErrorFromTheImage() throws Exception {
        ownEfsBySandboxUser();
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                imageFunction(Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "1")))));
             LambdaClient client = client(server)) {
            InvokeResponse response = client.invoke(r -> r.functionName("ocr").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"batchId\":\"b\",\"documents\":[]}")));

            assertThat(response.functionError()).isEqualTo("Unhandled");
            JsonNode error = ResultJson.mapper().readTree(response.payload().asByteArray());
            assertThat(error.path("errorType").asText()).as(error.toString()).contains("ModelNotFoundException");
        }
    }
}
