package io.deepreader.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/**
 * OCR hands each finished document to the extractor function with an asynchronous Invoke (Event), here
 * through the Lambda Invoke API served on loopback; the extractor's extract.json appears next to the OCR.
 * Both functions run in process mode, as on Lambda: each deployment jar in its own child JVM under the
 * runtime interface client, the OCR function's SDK client calling the extractor's Invoke endpoint.
 */
class ExtractorHandOffTest {
    private static final Path RECEIPT = Path.of(System.getProperty("shared.dir", "../../shared"), "data", "sroie-dev", "img", "301.jpg");

    @TempDir
    Path efs;

    @Test
    void finishedDocumentsAreExtractedAsynchronously() throws Exception {
        Files.createDirectories(efs.resolve("inbox"));
        Files.copy(RECEIPT, efs.resolve("inbox/301.jpg"));
        try (LambdaInvokeServer extractors = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                ProcessModeFunctions.extractor("extractor", Map.of("EFS_ROOT", efs.toString()))
                        .withTimeout(Duration.ofSeconds(120)).withMemoryMb(1024))));
             LambdaInvokeServer ocr = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                     ProcessModeFunctions.ocr("ocr", Map.of("EFS_ROOT", efs.toString(), "DETECTOR", "opencv",
                                     "OCR_WORKERS", "1", "EXTRACTOR_FUNCTION", "extractor",
                                     "LAMBDA_ENDPOINT", extractors.endpoint().toString(),
                                     // What Lambda gives the function from its role; loopback needs no real ones.
                                     "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"))
                             .withTimeout(Duration.ofSeconds(300)).withMemoryMb(2048))));
             LambdaClient client = LambdaClient.builder().endpointOverride(ocr.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
                     .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                     .build()) {
            InvokeResponse response = client.invoke(r -> r.functionName("ocr").payload(SdkBytes.fromUtf8String(
                    "{\"batchId\":\"handoff\",\"documents\":[{\"docId\":\"r301\",\"efsPath\":\"inbox/301.jpg\"}]}")));
            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            assertThat(ResultJson.mapper().readTree(response.payload().asByteArray()).get("ok").asInt()).isEqualTo(1);

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
