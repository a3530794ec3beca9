package io.deepreader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.extract.DocumentExtractor;
import io.deepreader.extract.ExtractorConfig;
import io.deepreader.extract.ExtractorHandler;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.function.OcrHandler;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCR hands each finished document to the extractor function with an asynchronous Invoke (Event), here
 * through the Lambda Invoke API served on loopback; the extractor's extract.json appears next to the OCR.
 */
class ExtractorHandOffTest {
    private static final Path RECEIPT = Path.of(System.getProperty("shared.dir", "../../shared"), "data", "sroie-dev", "img", "301.jpg");

    @TempDir
    Path efs;

    @Test
    void finishedDocumentsAreExtractedAsynchronously() throws Exception {
        Files.createDirectories(efs.resolve("inbox"));
        Files.copy(RECEIPT, efs.resolve("inbox/301.jpg"));
        DocumentExtractor extractor = new DocumentExtractor(ExtractorConfig.fromEnv(Map.of("EFS_ROOT", efs.toString())));
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                ServedFunction.of("extractor", () -> new ExtractorHandler(extractor)).withTimeout(Duration.ofSeconds(120)))));
             FunctionEnvironment env = new FunctionEnvironment(FunctionConfig.fromEnv(Map.of(
                     "EFS_ROOT", efs.toString(), "DETECTOR", "opencv", "OCR_WORKERS", "1",
                     "EXTRACTOR_FUNCTION", "extractor", "LAMBDA_ENDPOINT", server.endpoint().toString(),
                     "AWS_REGION", "us-east-1")))) {
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] request = """
                    {"batchId":"handoff","documents":[{"docId":"r301","efsPath":"inbox/301.jpg"}]}"""
                    .getBytes(StandardCharsets.UTF_8);
            new OcrHandler(env).handleRequest(new ByteArrayInputStream(request), out, null);
            assertThat(ResultJson.mapper().readTree(out.toByteArray()).get("ok").asInt()).isEqualTo(1);

            Path extract = new EfsLayout(efs).documentDir("handoff", "r301").resolve("extract.json");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!Files.exists(extract) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(extract).isRegularFile();
            JsonNode extracted = ResultJson.mapper().readTree(extract.toFile());
            assertThat(extracted.toString()).contains("r301");
        }
    }
}
