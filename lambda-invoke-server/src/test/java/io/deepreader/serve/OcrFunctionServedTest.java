package io.deepreader.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.function.OcrHandler;
import io.deepreader.ocr.efs.EfsLayout;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real OCR function (Tesseract, OpenCV) served over the Invoke API and called with the AWS SDK's
 * LambdaClient, as the batch client calls it on Lambda or on an EC2/on-prem host in serve mode.
 */
class OcrFunctionServedTest {
    private static final Path SHARED = Path.of(System.getProperty("shared.dir", "../../shared"));
    private static final Path RECEIPT = SHARED.resolve("data/sroie-dev/img/300.jpg");
    private static final Path RECEIPT_LINES = SHARED.resolve("data/sroie-dev/box/300.csv");

    @TempDir
    Path efsRoot;

    @Test
    void lambdaClientGetsOcrResultsForARealReceipt() throws Exception {
        Files.createDirectories(efsRoot.resolve("inbox/b300"));
        Files.copy(RECEIPT, efsRoot.resolve("inbox/b300/300.jpg"));
        try (FunctionEnvironment environment = new FunctionEnvironment(FunctionConfig.fromEnv(Map.of(
                "EFS_ROOT", efsRoot.toString(), "DETECTOR", "opencv", "OCR_WORKERS", "2")));
             LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                     ServedFunction.of("ocr", () -> new OcrHandler(environment))
                             .withTimeout(Duration.ofSeconds(300)).withReservedConcurrency(1))));
             LambdaClient client = LambdaClient.builder()
                     .endpointOverride(server.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
                     .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                     .build()) {
            InvokeResponse response = client.invoke(r -> r.functionName("ocr").payload(SdkBytes.fromUtf8String("""
                    {"batchId": "b300", "documents": [
                      {"docId": "r300", "efsPath": "inbox/b300/300.jpg"},
                      {"docId": "missing", "efsPath": "inbox/b300/nope.jpg"}]}""")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            JsonNode batch = new ObjectMapper().readTree(response.payload().asByteArray());
            assertThat(batch.get("ok").asInt()).isEqualTo(1);
            assertThat(batch.get("failed").asInt()).isEqualTo(1);
            JsonNode receipt = batch.get("documents").get(0);
            assertThat(receipt.get("status").asText()).isEqualToIgnoringCase("ok");
            assertThat(receipt.get("lines").asInt()).isGreaterThan(10);
            assertThat(batch.get("documents").get(1).get("status").asText()).isEqualToIgnoringCase("failed");
        }

        // The recognised text on EFS covers most of the ground-truth words of the receipt.
        EfsLayout layout = new EfsLayout(efsRoot);
        assertThat(layout.documentManifest("b300", "r300")).isRegularFile();
        Set<String> recognised = words(Files.readString(layout.pageText("b300", "r300", 1)));
        Set<String> truth = words(Files.readAllLines(RECEIPT_LINES).stream()
                .map(line -> line.split(",", 9)[8]).collect(Collectors.joining(" ")));
        long found = truth.stream().filter(recognised::contains).count();
        double recall = (double) found / truth.size();
        // OpenCV detector + Tesseract on this receipt measured 0.84 (64/76 words); 0.6 leaves room for engine versions.
        System.err.printf("served OCR word recall on receipt 300: %.3f (%d/%d)%n", recall, found, truth.size());
        assertThat(recall).as("word recall against ground truth (%d words)", truth.size()).isGreaterThan(0.6);
    }

    private static Set<String> words(String text) {
        return new HashSet<>(Arrays.stream(text.toUpperCase(Locale.ROOT).split("\\s+"))
                .filter(word -> word.length() >= 3).toList());
    }
}
