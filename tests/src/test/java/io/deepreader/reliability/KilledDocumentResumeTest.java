package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.e2e.ProcessModeFunctions;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import java.awt.image.BufferedImage;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Issue 19, case 5 (resume by page), the attempt that never reaches a check: its execution environment is killed
 * mid-document (Lambda's function timeout; an out-of-memory kill or a crash end it the same way). The function runs
 * as serve mode's process mode runs it, a child JVM under the runtime interface client, and at the timeout serve mode
 * kills that process with SIGKILL, as Lambda does. TIME_MARGIN_MS=0 so the between-pages check never defers it first.
 * The retry, in another environment, takes the document's lock (the fcntl lock of the killed process is gone with
 * it), takes over the pages the killed attempt finished and reads only the rest; its output set is the one an
 * uninterrupted run writes.
 */
class KilledDocumentResumeTest {
    private static final int PAGES = 8;
    private static final int LINES = 12;
    private static final Pattern PAGES_READ = Pattern.compile("\"message\":\"document done\".*?\"pagesRead\":(\\d+)");

    @TempDir
    Path efs;

    @Test
    void aDocumentKilledMidWayGoesOnFromItsLastFinishedPage() throws Exception {
        Files.createDirectories(efs.resolve("inbox"));
        BufferedImage[] pages = new BufferedImage[PAGES];
        for (int i = 0; i < PAGES; i++) {
            // A dozen lines a page, so a page takes a good share of a second and the kill lands between pages.
            String[] lines = new String[LINES];
            for (int k = 0; k < LINES; k++) {
                lines[k] = "KILLED PAGE " + (i + 1) + " LINE " + (k + 1);
            }
            pages[i] = Corpus.textPage(lines);
        }
        Files.write(efs.resolve("inbox/long.tif"), Corpus.tiff(pages));
        EfsLayout layout = new EfsLayout(efs);
        Map<String, String> env = Map.of("EFS_ROOT", efs.toString(), "DETECTOR", "opencv", "OCR_WORKERS", "1",
                "TIME_MARGIN_MS", "0");

        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                function("ocr", env, Duration.ofSeconds(120)))));
             LambdaClient client = ProcessModeFunctions.client(server)) {
            // The reference: the same document uninterrupted, in a fresh environment as the killed attempt's will be.
            InvokeResponse whole = invoke(client, "ocr", "whole");
            assertThat(body(whole).get("ok").asInt()).as(whole.payload().asUtf8String()).isEqualTo(1);
            double wholeMs = ProcessModeFunctions.report(whole.logResult()).orElseThrow().durationMillis();
            System.out.printf("uninterrupted: %s%n", whole.payload().asUtf8String());
            // Killed about half-way through: the timeout is half the uninterrupted run's time.
            Duration shortTimeout = Duration.ofMillis(Math.max(1000, Math.round(wholeMs / 2)));

            try (LambdaInvokeServer shortServer = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                    function("ocr-short", env, shortTimeout))));
                 LambdaClient shortClient = ProcessModeFunctions.client(shortServer)) {
                InvokeResponse killed = invoke(shortClient, "ocr-short", "resume");
                assertThat(killed.functionError()).as(killed.payload().asUtf8String()).isEqualTo("Unhandled");
                assertThat(body(killed).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
            }

            // Nothing published; the killed attempt's staging folder lists the pages it finished.
            assertThat(layout.documentDir("resume", "long")).doesNotExist();
            List<Path> staged = listed(layout.stagingBatchDir("resume"));
            assertThat(staged).hasSize(1);
            JsonNode partial = ResultJson.mapper().readTree(staged.get(0).resolve("partial.json").toFile());
            int finished = partial.get("pages").size();
            System.out.printf("killed after %d of %d pages (timeout %d ms, uninterrupted run %.0f ms)%n", finished, PAGES,
                    shortTimeout.toMillis(), wholeMs);
            assertThat(finished).as("pages finished before the kill at %s", shortTimeout).isBetween(1, PAGES - 1);
            List<byte[]> keptOcr = new ArrayList<>();
            for (int p = 1; p <= finished; p++) {
                keptOcr.add(Files.readAllBytes(new EfsLayout.DocumentFiles(staged.get(0)).ocrJson(p)));
            }

            InvokeResponse retry = invoke(client, "ocr", "resume");

            assertThat(retry.functionError()).as(retry.payload().asUtf8String()).isNull();
            JsonNode done = body(retry).get("documents").get(0);
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("ok");
            assertThat(done.get("pages").asInt()).isEqualTo(PAGES);
            assertThat(done.get("pagesResumed").asInt()).isEqualTo(finished);
            String tail = new String(Base64.getDecoder().decode(retry.logResult()), StandardCharsets.UTF_8);
            Matcher read = PAGES_READ.matcher(tail);
            assertThat(read.find()).as("'document done' in the log tail:%n%s", tail).isTrue();
            assertThat(Integer.parseInt(read.group(1))).as("pages read by the retry").isEqualTo(PAGES - finished);
            // The finished pages' files are the killed attempt's own (timings included): taken over, not read again.
            for (int p = 1; p <= finished; p++) {
                assertThat(layout.ocrJson("resume", "long", p)).hasBinaryContent(keptOcr.get(p - 1));
            }
            for (int p = 1; p <= PAGES; p++) {
                assertThat(Files.readString(layout.pageText("resume", "long", p))).contains("KILLED PAGE " + p + " LINE " + LINES);
            }
            LongDocumentResumeTest.assertSameOutputs(layout.documentDir("resume", "long"), layout.documentDir("whole", "long"),
                    "page-000" + PAGES + ".png");
            try (Stream<Path> left = Files.walk(layout.stagingRoot())) {
                assertThat(left.filter(Files::isRegularFile).toList()).as("files left staged").isEmpty();
            }
            assertThat(layout.partialDir("resume", "long")).doesNotExist();
        }
    }

    private static ServedFunction function(String name, Map<String, String> env, Duration timeout) {
        return ProcessModeFunctions.ocr(name, env).withTimeout(timeout).withMemoryMb(1024);
    }

    private static InvokeResponse invoke(LambdaClient client, String function, String batchId) {
        String request = "{\"batchId\": \"" + batchId + "\", \"documents\": [{\"docId\": \"long\", \"efsPath\": \"inbox/long.tif\"}]}";
        InvokeResponse response = client.invoke(r -> r.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(request)));
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static JsonNode body(InvokeResponse response) throws java.io.IOException {
        return ResultJson.mapper().readTree(response.payload().asByteArray());
    }

    private static List<Path> listed(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
