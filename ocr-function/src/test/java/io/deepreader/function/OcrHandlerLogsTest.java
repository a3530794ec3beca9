package io.deepreader.function;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the deployed function writes to CloudWatch: one JSON object a line, each with the invocation's ids. */
class OcrHandlerLogsTest {
    private static final String REQUEST_ID = "8f1c0b7e-logs-test";

    @TempDir
    Path efs;

    @Test
    void everyLineIsJsonWithRequestAndDocumentIdsAndStageTimings() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/logs"));
        Files.copy(Path.of(System.getProperty("shared.dir", "../../shared"), "data", "tesseract-testing", "phototest.tif"),
                inbox.resolve("photo.tif"));
        Files.write(inbox.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        String request = """
                {"batchId":"logs","documents":[
                  {"docId":"photo","efsPath":"inbox/logs/photo.tif"},
                  {"docId":"broken","efsPath":"inbox/logs/broken.png"}]}""";

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (FunctionEnvironment env = new FunctionEnvironment(FunctionConfig.fromEnv(Map.of("EFS_ROOT", efs.toString(),
                "OCR_WORKERS", "2", "DETECTOR", "opencv", "DETECT_ORIENTATION", "true")))) {
            PrintStream original = System.err;
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                new OcrHandler(env).handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                        response, new TestContext());
            } finally {
                System.setErr(original);
                original.print(captured.toString(StandardCharsets.UTF_8)); // still in the test report
            }
        }
        assertThat(ResultJson.mapper().readTree(response.toByteArray()).get("ok").asInt()).isEqualTo(1);

        String logs = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.split("\n")) {
            JsonNode node = ResultJson.mapper().readTree(line);
            assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
            assertThat(node.path("requestId").asText()).as("request id on %s", line).isEqualTo(REQUEST_ID);
            assertThat(node.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(node.path("message").isTextual()).isTrue();
            assertThat(node.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            lines.add(node);
        }

        JsonNode page = only(lines, "page done", "photo");
        assertThat(page.path("batchId").asText()).isEqualTo("logs");
        assertThat(page.path("page").asInt()).isEqualTo(1);
        JsonNode done = only(lines, "document done", "photo");
        assertThat(done.path("level").asText()).isEqualTo("INFO");
        assertThat(done.path("pages").asInt()).isEqualTo(1);
        assertThat(done.path("lines").asInt()).isPositive();
        for (String stage : List.of("decodeMs", "orientationMs", "preprocessMs", "detectMs", "recognizeMs", "writeMs", "totalMs")) {
            assertThat(done.path(stage).isIntegralNumber()).as("%s is a number field", stage).isTrue();
            assertThat(done.path(stage).asLong()).isNotNegative();
        }
        JsonNode failed = only(lines, "document failed", "broken");
        assertThat(failed.path("level").asText()).isEqualTo("WARN");
        assertThat(failed.path("errorType").asText()).isNotBlank();
        JsonNode batch = only(lines, "batch done", null);
        assertThat(batch.path("batchId").asText()).isEqualTo("logs");
        assertThat(batch.path("ok").asInt()).isEqualTo(1);
        assertThat(batch.path("failed").asInt()).isEqualTo(1);

        // The recognised words must stay on EFS: logs never carry document text.
        String text = Files.readString(new EfsLayout(efs).pageText("logs", "photo", 1));
        List<String> words = Arrays.stream(text.split("\\s+")).filter(w -> w.length() >= 5).toList();
        assertThat(words).isNotEmpty();
        for (String w : words) {
            assertThat(logs).doesNotContain(w);
        }
    }

    private static JsonNode only(List<JsonNode> lines, String message, String docId) {
        List<JsonNode> found = lines.stream().filter(l -> l.path("message").asText().equals(message))
                .filter(l -> docId == null ? !l.has("docId") : l.path("docId").asText().equals(docId)).toList();
        assertThat(found).as("lines '%s' for doc %s", message, docId).hasSize(1);
        return found.get(0);
    }

    private static final class TestContext implements Context {
        @Override public String getAwsRequestId() { return REQUEST_ID; }
        @Override public String getLogGroupName() { return "/aws/lambda/ocr"; }
        @Override public String getLogStreamName() { return "test"; }
        @Override public String getFunctionName() { return "ocr"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:ocr"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 300_000; }
        @Override public int getMemoryLimitInMB() { return 3008; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}
