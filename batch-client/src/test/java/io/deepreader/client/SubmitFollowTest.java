package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.function.OcrHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code submit --follow}: uploads to S3Mock, then waits while the real handler, fed an SQS event of the
 * uploads' S3 notifications as the event source mapping would, writes the results to the EFS root.
 */
class SubmitFollowTest {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withInitialBuckets("uploads").build();

    @TempDir
    Path tmp;

    @Test
    void followsTheUploadsUntilTheirResultsAreOnEfs(S3Client s3) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("batch"));
        Files.copy(Path.of(System.getProperty("shared.dir", "../../shared"), "data", "tesseract-testing", "phototest.tif"),
                dir.resolve("photo.tif"));
        Files.write(dir.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 7, 7, 7});
        Path efs = Files.createDirectories(tmp.resolve("efs"));
        String endpoint = "http://127.0.0.1:" + S3_MOCK.getHttpPort();

        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try (FunctionEnvironment env = new FunctionEnvironment(FunctionConfig.fromEnv(Map.of("EFS_ROOT", efs.toString(),
                "OCR_WORKERS", "1", "DETECTOR", "opencv", "S3_ENDPOINT", endpoint)))) {
            CompletableFuture<Void> function = CompletableFuture.runAsync(() -> deliverWhenUploaded(s3, env));
            StringWriter out = new StringWriter();
            var cli = Cli.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(new StringWriter()));
            int code = cli.execute("submit", "--bucket", "uploads", "--prefix", "uploads/", "--endpoint", endpoint,
                    "--manifest", tmp.resolve("manifest.json").toString(), "--json", "--follow", "--efs-root", efs.toString(),
                    "--follow-timeout", "PT2M", dir.toString());
            function.get();
            JsonNode report = Json.mapper().readTree(out.toString());
            JsonNode follow = report.get("follow");
            assertThat(follow.get("batchId").asText()).isEqualTo("s3-uploads");
            assertThat(follow.get("documents").asInt()).isEqualTo(2);
            assertThat(follow.get("done").asInt()).isEqualTo(1);
            assertThat(follow.get("failed").asInt()).isEqualTo(1);
            assertThat(follow.get("pending").asInt()).isZero();
            // A recorded failure is a finished document, but not a successful one.
            assertThat(code).isEqualTo(ExitCodes.DOCUMENTS_FAILED);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    /** What S3 -> SQS -> the event source mapping does: one SQS event once both objects exist. */
    private static void deliverWhenUploaded(S3Client s3, FunctionEnvironment env) {
        try {
            java.util.List<String> keys = java.util.List.of();
            for (int i = 0; i < 600 && keys.size() < 2; i++) {
                Thread.sleep(100);
                keys = s3.listObjectsV2(r -> r.bucket("uploads").prefix("uploads/")).contents().stream().map(o -> o.key()).toList();
            }
            StringBuilder records = new StringBuilder();
            for (String key : keys) {
                String notification = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                        + "\"s3\":{\"bucket\":{\"name\":\"uploads\"},\"object\":{\"key\":\"" + key + "\"}}}]}";
                records.append(records.isEmpty() ? "" : ",").append("{\"messageId\":\"").append(key.hashCode())
                        .append("\",\"eventSource\":\"aws:sqs\",\"body\":").append(Json.mapper().writeValueAsString(notification))
                        .append('}');
            }
            byte[] event = ("{\"Records\":[" + records + "]}").getBytes(StandardCharsets.UTF_8);
            new OcrHandler(env).handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
