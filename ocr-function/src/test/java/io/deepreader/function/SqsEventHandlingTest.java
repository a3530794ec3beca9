package io.deepreader.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** SQS events of S3 notifications through the real handler, reading from S3Mock: which messages come back. */
class SqsEventHandlingTest {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withSecureConnection(false).build();

    @TempDir
    Path efs;
    private FunctionEnvironment env;
    private byte[] tif;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        S3Client s3 = S3_MOCK.createS3ClientV2();
        if (!s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("uploads"))) {
            s3.createBucket(b -> b.bucket("uploads"));
        }
        tif = Files.readAllBytes(Path.of(System.getProperty("shared.dir", "../../shared"), "data", "tesseract-testing", "phototest.tif"));
        s3.putObject(b -> b.bucket("uploads").key("uploads/photo test.tif"), RequestBody.fromBytes(tif));
        s3.putObject(b -> b.bucket("uploads").key("uploads/broken.png"),
                RequestBody.fromBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0}));
        env = new FunctionEnvironment(FunctionConfig.fromEnv(new HashMap<>(Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "2",
                "DETECTOR", "opencv", "S3_ENDPOINT", S3_MOCK.getServiceEndpoint()))));
    }

    @AfterEach
    void tearDown() {
        env.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static String notification(String bucket, String encodedKey) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventName":"ObjectCreated:Put",\
                "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},\
                "object":{"key":"%s","size":1}}}]}""".formatted(bucket, bucket, encodedKey);
    }

    /** Lambda's SQS event shape (aws-lambda-java-events SQSEvent). */
    private static byte[] sqsEvent(Map<String, String> bodiesById) throws Exception {
        ObjectNode root = ResultJson.mapper().createObjectNode();
        ArrayNode records = root.putArray("Records");
        bodiesById.forEach((id, body) -> {
            ObjectNode r = records.addObject();
            r.put("messageId", id);
            r.put("receiptHandle", "rh-" + id);
            r.put("body", body);
            r.putObject("attributes").put("ApproximateReceiveCount", "1");
            r.putObject("messageAttributes");
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:uploads");
            r.put("awsRegion", "us-east-1");
        });
        return ResultJson.mapper().writeValueAsBytes(root);
    }

    private JsonNode invoke(byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OcrHandler(env).handleRequest(new ByteArrayInputStream(event), out, null);
        return ResultJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> failedIds(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.get("batchItemFailures").forEach(f -> ids.add(f.get("itemIdentifier").asText()));
        return ids;
    }

    @Test
    void onlyTransientFailuresAndUnreadableMessagesComeBack() throws Exception {
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("m-test", """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-02T10:00:00.000Z","Bucket":"uploads"}""");
        bodies.put("m-good", notification("uploads", "uploads/photo+test.tif"));
        bodies.put("m-corrupt", notification("uploads", "uploads/broken.png"));
        bodies.put("m-deleted", notification("uploads", "uploads/gone.png"));
        // The bucket does not exist: S3 answers NoSuchBucket, the source is unavailable, send it again later.
        bodies.put("m-unavailable", notification("no-such-bucket", "uploads/x.png"));
        bodies.put("m-garbage", "hello, not JSON");

        JsonNode response = invoke(sqsEvent(bodies));

        assertThat(failedIds(response)).containsExactlyInAnyOrder("m-unavailable", "m-garbage");
        EfsLayout layout = new EfsLayout(efs);
        JsonNode good = ResultJson.mapper().readTree(layout.documentManifest("s3-uploads",
                DocumentIds.forS3("uploads", "uploads/photo test.tif")).toFile());
        assertThat(good.get("status").asText()).isEqualTo("ok");
        assertThat(Files.readString(layout.pageText("s3-uploads", DocumentIds.forS3("uploads", "uploads/photo test.tif"), 1)))
                .contains("quick brown dog");
        // Permanent failures are recorded on EFS and acknowledged: they never cycle to the DLQ.
        JsonNode corrupt = ResultJson.mapper().readTree(layout.documentManifest("s3-uploads",
                DocumentIds.forS3("uploads", "uploads/broken.png")).toFile());
        assertThat(corrupt.get("status").asText()).isEqualTo("failed");
        assertThat(corrupt.get("errorType").asText()).isEqualTo("CorruptDocument");
        JsonNode deleted = ResultJson.mapper().readTree(layout.documentManifest("s3-uploads",
                DocumentIds.forS3("uploads", "uploads/gone.png")).toFile());
        assertThat(deleted.get("errorType").asText()).isEqualTo("DocumentNotFound");
    }

    @Test
    void concurrentDuplicateDeliveriesLeaveOneCompleteOutputSet() throws Exception {
        byte[] event = sqsEvent(Map.of("dup", notification("uploads", "uploads/photo+test.tif")));
        int deliveries = 6;
        ExecutorService environments = Executors.newFixedThreadPool(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < deliveries; i++) {
                // One handler per execution environment, all at once, as SQS may deliver a message twice.
                responses.add(environments.submit(() -> {
                    start.await();
                    return invoke(event);
                }));
            }
            start.countDown();
            for (Future<JsonNode> response : responses) {
                assertThat(failedIds(response.get())).isEmpty();
            }
        } finally {
            environments.shutdownNow();
        }
        Path batch = efs.resolve("jobs").resolve("s3-uploads");
        try (Stream<Path> dirs = Files.list(batch)) {
            assertThat(dirs.toList()).hasSize(1);
        }
        String docId = DocumentIds.forS3("uploads", "uploads/photo test.tif");
        Path dir = batch.resolve(docId);
        JsonNode manifest = ResultJson.mapper().readTree(dir.resolve("document.json").toFile());
        assertThat(manifest.get("status").asText()).isEqualTo("ok");
        int pages = manifest.get("pages").size();
        try (Stream<Path> files = Files.list(dir)) {
            // Per page: preprocessed png, detections, ocr.json, txt; plus document.json; no temp file left.
            assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(4 * pages + 1)
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
        // A later delivery is answered from the finished set.
        assertThat(failedIds(invoke(event))).isEmpty();
    }
}
