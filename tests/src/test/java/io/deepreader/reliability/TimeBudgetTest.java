package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.OcrHandler;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19, case 5 (part): time is checked between the pages of a document, so a long document cannot take
 * the batch's answer past the deadline; and only regular files are opened from the inbox.
 * The Lambda clock is a countdown of questions, not wall time: plenty for the first three, then under the
 * 10 s margin.
 */
class TimeBudgetTest extends HandlerOnEfsTest {
    private static final int PAGES = 8;

    @BeforeAll
    static void writeInputs() throws IOException {
        BufferedImage[] pages = new BufferedImage[PAGES];
        for (int i = 0; i < PAGES; i++) {
            pages[i] = Corpus.textPage("LONG DOCUMENT PAGE " + (i + 1));
        }
        Files.write(efs.resolve("inbox/long.tif"), Corpus.tiff(pages));
    }

    @Test
    void aLongDocumentIsDeferredBetweenPagesAndTheBatchStillAnswers() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        // Asked once before the document starts, then before each later page: pages 1-3 fit, page 4 does not.
        Context clock = new CountdownContext(() -> asked.incrementAndGet() <= 3 ? 60_000 : 3_000);
        String request = "{\"batchId\": \"long\", \"documents\": [{\"docId\": \"long\", \"efsPath\": \"inbox/long.tif\"}]}";

        JsonNode first = invoke(request, clock);

        JsonNode doc = first.get("documents").get(0);
        assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("deferred");
        assertThat(doc.get("errorMessage").asText()).contains("page 4 of " + PAGES);
        assertThat(first.get("deferred").asInt()).isEqualTo(1);
        EfsLayout layout = new EfsLayout(efs);
        assertThat(layout.documentDir("long", "long")).doesNotExist();
        try (Stream<Path> staged = Files.walk(efs.resolve("jobs/.staging"))) {
            assertThat(staged.filter(Files::isRegularFile).toList()).isEmpty();
        }

        JsonNode retry = invoke(request, null);

        assertThat(retry.get("documents").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(retry.get("documents").get(0).get("pages").asInt()).isEqualTo(PAGES);
        assertThat(Files.readString(layout.pageText("long", "long", PAGES))).contains("PAGE " + PAGES);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aNamedPipeInTheInboxFailsAloneInsteadOfBlockingAWorker() throws Exception {
        Path fifo = efs.resolve("inbox/pipe.png");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        Files.write(efs.resolve("inbox/fine.png"), Corpus.goodPng());

        JsonNode r = Invocations.invoke(env, "fifo", List.of(Invocations.efsDoc("pipe", "inbox/pipe.png"),
                Invocations.efsDoc("fine", "inbox/fine.png")));

        assertThat(r.get("documents").get(0).get("errorType").asText()).isEqualTo("DocumentNotFound");
        assertThat(r.get("documents").get(0).get("errorMessage").asText()).contains("not a regular file");
        assertThat(r.get("documents").get(1).get("status").asText()).isEqualTo("ok");
    }

    private static JsonNode invoke(String request, Context context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OcrHandler(env).handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        return ResultJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    /** Lambda's Context with a scripted remaining time; everything else as a plain function would have it. */
    record CountdownContext(java.util.function.IntSupplier remaining) implements Context {
        @Override public String getAwsRequestId() { return "time-budget-" + System.nanoTime(); }
        @Override public String getLogGroupName() { return "/aws/lambda/ocr"; }
        @Override public String getLogStreamName() { return "test"; }
        @Override public String getFunctionName() { return "ocr"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:ocr"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return remaining.getAsInt(); }
        @Override public int getMemoryLimitInMB() { return 3008; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}
