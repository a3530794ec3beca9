package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 5 (resume by page): a document stopped between pages by the time margin keeps its finished pages,
 * and the retry reads only the rest; its output set is the one an uninterrupted run writes. A changed source
 * discards the kept pages. The Lambda clock is a countdown of questions, as in {@link TimeBudgetTest}.
 */
class LongDocumentResumeTest extends HandlerOnEfsTest {
    private static final int PAGES = 6;
    /** Asked once before the document starts, then before each later page: pages 1-3 fit, page 4 does not. */
    private static final int QUESTIONS_IN_TIME = 3;

    @BeforeAll
    static void writeInputs() throws IOException {
        Files.write(efs.resolve("inbox/long.tif"), Corpus.tiff(pages("RESUMED PAGE")));
        Files.write(efs.resolve("inbox/changed.tif"), Corpus.tiff(pages("FIRST VERSION PAGE")));
    }

    @Test
    void aRetryGoesOnFromTheNextPageAndWritesWhatAnUninterruptedRunWrites() throws Exception {
        EfsLayout layout = new EfsLayout(efs);

        JsonNode first = invoke(request("resume", "long", "inbox/long.tif"), deadlineAfter(QUESTIONS_IN_TIME));

        JsonNode deferred = first.get("documents").get(0);
        assertThat(deferred.get("status").asText()).as(deferred.toString()).isEqualTo("deferred");
        assertThat(deferred.get("pagesDone").asInt()).isEqualTo(3);
        assertThat(deferred.get("errorMessage").asText()).contains("page 4 of " + PAGES);
        assertThat(layout.documentDir("resume", "long")).doesNotExist();
        Path partial = layout.partialDir("resume", "long");
        assertThat(partial.resolve("partial.json")).isRegularFile();
        assertThat(new EfsLayout.DocumentFiles(partial).pageText(3)).isRegularFile();
        assertThat(new EfsLayout.DocumentFiles(partial).pageText(4)).doesNotExist();
        byte[] keptPage1 = Files.readAllBytes(new EfsLayout.DocumentFiles(partial).ocrJson(1));

        // The first retry runs short too: asked before it starts and before page 5, it reads pages 4 and 5.
        JsonNode second = invoke(request("resume", "long", "inbox/long.tif"), deadlineAfter(2));

        JsonNode again = second.get("documents").get(0);
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("deferred");
        assertThat(again.get("pagesDone").asInt()).isEqualTo(5);
        assertThat(again.get("errorMessage").asText()).contains("page 6 of " + PAGES);
        assertThat(new EfsLayout.DocumentFiles(partial).pageText(5)).isRegularFile();
        assertThat(new EfsLayout.DocumentFiles(partial).ocrJson(1)).hasBinaryContent(keptPage1);

        JsonNode retry = invoke(request("resume", "long", "inbox/long.tif"), null);

        JsonNode done = retry.get("documents").get(0);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("ok");
        assertThat(done.get("pages").asInt()).isEqualTo(PAGES);
        // Pages read by the last retry: PAGES - pagesResumed = 1.
        assertThat(done.get("pagesResumed").asInt()).isEqualTo(5);
        assertThat(partial).doesNotExist();
        // Page 1's file is the first attempt's own, timings included: kept, not read again.
        assertThat(layout.ocrJson("resume", "long", 1)).hasBinaryContent(keptPage1);
        for (int p = 1; p <= PAGES; p++) {
            assertThat(Files.readString(layout.pageText("resume", "long", p))).contains("RESUMED PAGE " + p);
        }

        JsonNode whole = invoke(request("whole", "long", "inbox/long.tif"), null);

        assertThat(whole.get("documents").get(0).get("status").asText()).isEqualTo("ok");
        assertThat(whole.get("documents").get(0).has("pagesResumed")).isFalse();
        assertSameOutputs(layout.documentDir("resume", "long"), layout.documentDir("whole", "long"), "page-0006.png");
        try (Stream<Path> staged = Files.walk(efs.resolve("jobs/.staging"))) {
            assertThat(staged.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void aChangedSourceDiscardsThePagesKeptForIt() throws Exception {
        EfsLayout layout = new EfsLayout(efs);
        JsonNode first = invoke(request("changed", "doc", "inbox/changed.tif"), deadlineAfter(QUESTIONS_IN_TIME));
        assertThat(first.get("documents").get(0).get("pagesDone").asInt()).isEqualTo(3);
        assertThat(layout.partialDir("changed", "doc")).isDirectory();

        Files.write(efs.resolve("inbox/changed.tif"), Corpus.tiff(pages("SECOND VERSION PAGE")));
        JsonNode retry = invoke(request("changed", "doc", "inbox/changed.tif"), null);

        JsonNode done = retry.get("documents").get(0);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("ok");
        assertThat(done.has("pagesResumed")).as(done.toString()).isFalse();
        assertThat(layout.partialDir("changed", "doc")).doesNotExist();
        for (int p = 1; p <= PAGES; p++) {
            assertThat(Files.readString(layout.pageText("changed", "doc", p))).contains("SECOND VERSION PAGE " + p)
                    .doesNotContain("FIRST");
        }
        JsonNode manifest = ResultJson.mapper().readTree(layout.documentManifest("changed", "doc").toFile());
        assertThat(manifest.get("sourceSha256").asText())
                .isEqualTo(sha256(Files.readAllBytes(efs.resolve("inbox/changed.tif"))));
    }

    /**
     * A killed attempt leaves its staging folder as it was after its last finished page: {@code partial.json} listing
     * the pages done, maybe some files of the page it had begun. Such folders are made here from a deferred attempt's
     * (the same files), beside the leftovers a retry must not take: more pages but of another source, none finished.
     */
    @Test
    void aRetryTakesOverTheKilledAttemptsPagesAndDiscardsTheOtherLeftovers() throws Exception {
        EfsLayout layout = new EfsLayout(efs);
        Files.write(efs.resolve("inbox/left.tif"), Corpus.tiff(pages("LEFT BEHIND PAGE")));
        invoke(request("left", "doc", "inbox/left.tif"), deadlineAfter(QUESTIONS_IN_TIME));
        Path staging = layout.stagingBatchDir("left");
        Files.createDirectories(staging);
        Path killed = staging.resolve("doc." + java.util.UUID.randomUUID());
        Files.move(layout.partialDir("left", "doc"), killed);
        byte[] keptPage3 = Files.readAllBytes(new EfsLayout.DocumentFiles(killed).ocrJson(3));
        // Page 4 begun when the process died: its image written, its ocr.json still a temp file.
        Files.copy(killed.resolve("page-0003.png"), killed.resolve("page-0004.png"));
        Files.writeString(killed.resolve(".page-0004.ocr.json." + java.util.UUID.randomUUID() + ".tmp"), "{\"half");
        Path otherSource = copyOf(killed, staging.resolve("doc." + java.util.UUID.randomUUID()));
        Files.copy(killed.resolve("page-0003.ocr.json"), otherSource.resolve("page-0004.ocr.json"));
        ObjectNode other = (ObjectNode) ResultJson.mapper().readTree(otherSource.resolve("partial.json").toFile());
        other.put("sourceSha256", "0".repeat(64));
        other.withArray("pages").add("page-0004");
        ResultJson.mapper().writeValue(otherSource.resolve("partial.json").toFile(), other);
        Path noneFinished = Files.createDirectories(staging.resolve("doc." + java.util.UUID.randomUUID()));
        Files.writeString(noneFinished.resolve("page-0001.png"), "begun");
        // Not this document's: another docId that starts the same, and a published set moved aside.
        Path neighbour = copyOf(killed, staging.resolve("doc.x." + java.util.UUID.randomUUID()));
        Path replaced = copyOf(killed, staging.resolve("doc." + java.util.UUID.randomUUID() + ".replaced"));

        JsonNode retry = invoke(request("left", "doc", "inbox/left.tif"), null);

        JsonNode done = retry.get("documents").get(0);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("ok");
        assertThat(done.get("pagesResumed").asInt()).isEqualTo(QUESTIONS_IN_TIME);
        assertThat(layout.ocrJson("left", "doc", 3)).hasBinaryContent(keptPage3);
        assertThat(killed).doesNotExist();
        assertThat(otherSource).doesNotExist();
        assertThat(noneFinished).doesNotExist();
        assertThat(neighbour.resolve("partial.json")).isRegularFile();
        assertThat(replaced.resolve("partial.json")).isRegularFile();
        for (int p = 1; p <= PAGES; p++) {
            assertThat(Files.readString(layout.pageText("left", "doc", p))).contains("LEFT BEHIND PAGE " + p);
        }
        invoke(request("left-whole", "doc", "inbox/left.tif"), null);
        assertSameOutputs(layout.documentDir("left", "doc"), layout.documentDir("left-whole", "doc"), "page-0006.png");
    }

    private static Path copyOf(Path dir, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    /** Same file names; images and text byte for byte; JSON equal but for the batch id and timings. */
    static void assertSameOutputs(Path resumed, Path whole, String lastPageImage) throws IOException {
        List<String> names = names(resumed);
        assertThat(names).isEqualTo(names(whole)).contains("document.json", lastPageImage);
        for (String name : names) {
            Path a = resumed.resolve(name);
            Path b = whole.resolve(name);
            if (name.endsWith(".json")) {
                assertThat(comparable(a)).as(name).isEqualTo(comparable(b));
            } else {
                assertThat(a).as(name).hasBinaryContent(Files.readAllBytes(b));
            }
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static JsonNode comparable(Path json) throws IOException {
        ObjectNode node = (ObjectNode) ResultJson.mapper().readTree(json.toFile());
        node.remove("batchId");
        node.remove("timingsMs");
        return node;
    }

    private static BufferedImage[] pages(String text) {
        BufferedImage[] pages = new BufferedImage[PAGES];
        for (int i = 0; i < PAGES; i++) {
            pages[i] = Corpus.textPage(text + " " + (i + 1));
        }
        return pages;
    }

    private static String request(String batchId, String docId, String efsPath) {
        return "{\"batchId\": \"" + batchId + "\", \"documents\": [{\"docId\": \"" + docId + "\", \"efsPath\": \""
                + efsPath + "\"}]}";
    }

    /** Plenty of time for the first {@code questions} asks, then under the 10 s margin. */
    private static TimeBudgetTest.CountdownContext deadlineAfter(int questions) {
        AtomicInteger asked = new AtomicInteger();
        return new TimeBudgetTest.CountdownContext(() -> asked.incrementAndGet() <= questions ? 60_000 : 3_000);
    }

    private static JsonNode invoke(String request, com.amazonaws.services.lambda.runtime.Context context)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OcrHandler(env).handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        return ResultJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
