package io.deepreader.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The handler reading documents from S3 (in-process S3Mock over HTTP), by batch request and by S3 event. */
class S3SourcesTest {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withSecureConnection(false).build();

    @TempDir
    Path efs;

    private JsonNode invoke(FunctionEnvironment env, String json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OcrHandler(env).handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        return ResultJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readsDocumentsFromS3ByRequestAndByEvent() throws Exception {
        S3Client s3 = S3_MOCK.createS3ClientV2();
        s3.createBucket(b -> b.bucket("invoices"));
        byte[] png = Files.readAllBytes(Path.of(System.getProperty("shared.dir", "../../shared"), "data", "tesseract-testing", "phototest.tif"));
        s3.putObject(b -> b.bucket("invoices").key("uploads/2026/photo test.tif"), RequestBody.fromBytes(png));

        Map<String, String> envVars = new HashMap<>(Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "1", "DETECTOR", "opencv",
                "S3_ENDPOINT", S3_MOCK.getServiceEndpoint(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        // The SDK's default chain reads credentials from system properties too: set dummy ones for the mock.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        try (FunctionEnvironment env = new FunctionEnvironment(FunctionConfig.fromEnv(envVars))) {
            JsonNode byRequest = invoke(env, """
                    {"batchId":"s3batch","documents":[
                      {"docId":"photo","s3":{"bucket":"invoices","key":"uploads/2026/photo test.tif"}},
                      {"docId":"missing","s3":{"bucket":"invoices","key":"uploads/none.png"}}]}""");
            assertThat(byRequest.get("ok").asInt()).isEqualTo(1);
            assertThat(byRequest.get("documents").get(1).get("errorType").asText()).isEqualTo("DocumentNotFound");
            PageResult page = ResultJson.mapper().readValue(new EfsLayout(efs).ocrJson("s3batch", "photo", 1).toFile(), PageResult.class);
            assertThat(page.text()).contains("quick brown dog");

            JsonNode byEvent = invoke(env, """
                    {"Records":[{"eventSource":"aws:s3","s3":{"bucket":{"name":"invoices"},
                      "object":{"key":"uploads/2026/photo+test.tif"}}}]}""");
            assertThat(byEvent.get("batchId").asText()).isEqualTo("s3-invoices");
            assertThat(byEvent.get("ok").asInt()).isEqualTo(1);
            String docId = byEvent.get("documents").get(0).get("docId").asText();
            assertThat(docId).startsWith("photo_test.tif-");
            assertThat(new EfsLayout(efs).documentManifest("s3-invoices", docId)).isRegularFile();
        }
    }

    @Test
    void invalidIdsFailAloneAndNothingEscapesTheRoot() throws Exception {
        Files.createDirectories(efs.resolve("inbox"));
        Files.copy(Path.of(System.getProperty("shared.dir", "../../shared"), "data", "tesseract-testing", "phototest.tif"),
                efs.resolve("inbox/p.tif"));
        Map<String, String> envVars = Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "1", "DETECTOR", "opencv");
        try (FunctionEnvironment env = new FunctionEnvironment(FunctionConfig.fromEnv(envVars))) {
            JsonNode response = invoke(env, """
                    {"batchId":"b","documents":[
                      {"docId":"../evil","efsPath":"inbox/p.tif"},
                      {"docId":"abs","efsPath":"/etc/passwd"},
                      {"docId":"up","efsPath":"inbox/../../outside.tif"},
                      {"docId":"good","efsPath":"inbox/p.tif"}]}""");
            assertThat(response.get("ok").asInt()).isEqualTo(1);
            assertThat(response.get("failed").asInt()).isEqualTo(3);
            response.get("documents").forEach(d -> {
                if (!d.get("docId").asText().equals("good")) {
                    assertThat(d.get("errorType").asText()).isEqualTo("InvalidId");
                }
            });
        }
        assertThat(efs.getParent().resolve("evil")).doesNotExist();
    }
}
