package io.deepreader.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.extract.formats.OutputFormat;
import io.deepreader.extract.testing.Pages;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extractor's CloudWatch lines: JSON objects with the invocation's ids, and none of the document's text. */
class ExtractorHandlerLogsTest {
    @TempDir
    Path efs;

    @Test
    void oneJsonLinePerInvocationWithIdsAndNoDocumentText() throws Exception {
        EfsLayout layout = new EfsLayout(efs);
        PageResult page = Pages.receipt("CONFIDENTIAL TRADING CO", "TOTAL|RM 98.76");
        PageResult p = new PageResult(page.schemaVersion(), "b1", "d1", 1, page.width(), page.height(), 0, "test",
                page.blocks(), page.timingsMs());
        Files.createDirectories(layout.documentDir("b1", "d1"));
        ResultJson.mapper().writeValue(layout.ocrJson("b1", "d1", 1).toFile(), p);
        Files.writeString(layout.documentManifest("b1", "d1"), "{\"status\":\"OK\"}");
        ExtractorHandler handler = new ExtractorHandler(new DocumentExtractor(
                new ExtractorConfig(efs, EnumSet.of(OutputFormat.TEXTRACT), 300)));

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            invoke(handler, "{\"batchId\":\"b1\",\"docId\":\"d1\"}", "req-ok");
            invoke(handler, "{\"batchId\":\"b1\",\"docId\":\"missing\"}", "req-missing");
        } finally {
            System.setErr(original);
            original.print(captured.toString(StandardCharsets.UTF_8));
        }

        String logs = captured.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.split("\n")) {
            JsonNode node = ResultJson.mapper().readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.path("batchId").asText()).isEqualTo("b1");
            lines.add(node);
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("requestId").asText()).isEqualTo("req-ok");
        assertThat(lines.get(0).path("docId").asText()).isEqualTo("d1");
        assertThat(lines.get(0).path("level").asText()).isEqualTo("INFO");
        assertThat(lines.get(0).path("message").asText()).isEqualTo("document extracted");
        assertThat(lines.get(0).path("status").asText()).isEqualTo("OK");
        assertThat(lines.get(0).path("totalMs").isIntegralNumber()).isTrue();
        assertThat(lines.get(1).path("requestId").asText()).isEqualTo("req-missing");
        assertThat(lines.get(1).path("docId").asText()).isEqualTo("missing");
        assertThat(lines.get(1).path("level").asText()).isEqualTo("WARN");
        assertThat(lines.get(1).path("status").asText()).isEqualTo("NO_OCR_OUTPUT");
        assertThat(logs).doesNotContain("CONFIDENTIAL").doesNotContain("98.76");
    }

    private static void invoke(ExtractorHandler handler, String request, String requestId) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new RequestContext(requestId));
    }

    private record RequestContext(String requestId) implements Context {
        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/extractor"; }
        @Override public String getLogStreamName() { return "test"; }
        @Override public String getFunctionName() { return "extractor"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:extractor"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 60_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}
