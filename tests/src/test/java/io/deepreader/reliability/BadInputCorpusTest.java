package io.deepreader.reliability;

import static io.deepreader.reliability.Invocations.efsDoc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pipeline.DocumentManifest;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's bad-input corpus through the real handler (OpenCV detector, Debian Tesseract): every input
 * gets its expected typed error, or an empty-but-valid result, and the good documents of the same batch
 * still succeed. Per-document time is taken from the outcome's own millis (bound: 30 s, generous on purpose).
 */
class BadInputCorpusTest {
    private static final long PER_DOCUMENT_BOUND_MS = 30_000;

    @TempDir
    static Path temp;
    private static Path efs;
    private static FunctionEnvironment env;

    /** One corpus entry: the file placed in the inbox and what the handler must answer for it. */
    record Case(String docId, String fileName, byte[] bytes, String expectedStatus, String expectedError) {
    }

    @BeforeAll
    static void start() throws IOException {
        efs = Files.createDirectories(temp.resolve("efs"));
        env = Invocations.environment(efs, Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static List<Case> corpus() {
        byte[] page = Corpus.png(Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50"));
        byte[] jpeg = Corpus.jpeg(Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50"));
        byte[] tiff = Corpus.tiff(Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50"));
        byte[] pdf = Corpus.pdf(2);
        return List.of(
                new Case("good-png", "good.png", page, "ok", null),
                new Case("good-jpeg", "good.jpg", jpeg, "ok", null),
                new Case("good-tiff", "good.tif", tiff, "ok", null),
                new Case("good-pdf", "good.pdf", pdf, "ok", null),
                new Case("empty", "empty.pdf", new byte[0], "failed", "UnsupportedDocument"),
                new Case("truncated-jpeg", "truncated.jpg", Corpus.truncated(jpeg, 0.4), "failed", "CorruptDocument"),
                new Case("truncated-png", "truncated.png", Corpus.truncated(page, 0.5), "failed", "CorruptDocument"),
                new Case("truncated-pdf", "truncated.pdf", Corpus.truncated(pdf, 0.3), "failed", "CorruptDocument"),
                new Case("png-named-pdf", "really-a-png.pdf", page, "ok", null),
                new Case("text-named-jpeg", "notes.jpg", "just some text, not an image\n".getBytes(StandardCharsets.UTF_8),
                        "failed", "UnsupportedDocument"),
                new Case("encrypted-pdf", "locked.pdf", Corpus.encryptedPdf(), "failed", "EncryptedDocument"),
                new Case("pdf-500-pages", "long.pdf", Corpus.pdf(500), "failed", "DocumentTooLarge"),
                new Case("png-bomb", "bomb.png", Corpus.pngBomb(50_000, 50_000), "failed", "DocumentTooLarge"),
                new Case("one-pixel", "dot.png", Corpus.onePixelPng(), "ok", null),
                new Case("blank-page", "blank.png", Corpus.blankPng(), "ok", null),
                new Case("noise-page", "noise.png", Corpus.noisePng(7), "ok", null),
                new Case("utf8-name", "reçu-été-收据.png", page, "ok", null));
    }

    @Test
    void everyBadInputGetsItsTypedErrorAndTheGoodOnesSucceed() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/corpus"));
        List<Case> cases = corpus();
        List<Map<String, String>> docs = new ArrayList<>();
        for (Case c : cases) {
            Files.write(inbox.resolve(c.fileName()), c.bytes());
            docs.add(efsDoc(c.docId(), "inbox/corpus/" + c.fileName()));
        }
        docs.add(efsDoc("missing", "inbox/corpus/no-such-file.png"));
        docs.add(efsDoc("directory", "inbox/corpus"));

        JsonNode response = Invocations.invoke(env, "corpus", docs);

        JsonNode outcomes = response.get("documents");
        assertThat(outcomes).hasSize(cases.size() + 2);
        List<String> table = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode o = outcomes.get(i);
            table.add(c.docId() + "\t" + c.bytes().length + "\t" + o.get("status").asText() + "\t"
                    + o.path("errorType").asText("-") + "\t" + o.get("millis").asLong());
            assertThat(o.get("docId").asText()).isEqualTo(c.docId());
            assertThat(o.get("status").asText()).as(c.docId() + ": " + o).isEqualTo(c.expectedStatus());
            if (c.expectedError() != null) {
                assertThat(o.get("errorType").asText()).as(c.docId() + ": " + o).isEqualTo(c.expectedError());
                assertThat(o.get("errorMessage").asText()).isNotBlank();
            }
            assertThat(o.get("millis").asLong()).as(c.docId()).isLessThan(PER_DOCUMENT_BOUND_MS);
            // Every document, failed or not, leaves a complete, parseable document.json for extractors.
            DocumentManifest m = ResultJson.mapper().readValue(
                    new EfsLayout(efs).documentManifest("corpus", c.docId()).toFile(), DocumentManifest.class);
            assertThat(m.status().json()).isEqualTo(c.expectedStatus());
            assertThat(m.errorType()).isEqualTo(c.expectedError());
        }
        Reports.write("corpus-table.tsv", table);
        assertThat(outcomes.get(cases.size()).get("errorType").asText()).isEqualTo("DocumentNotFound");
        assertThat(outcomes.get(cases.size() + 1).get("errorType").asText()).isEqualTo("DocumentNotFound");

        // Good documents are really read, not just "ok".
        for (String good : List.of("good-png", "good-jpeg", "good-tiff", "png-named-pdf", "utf8-name")) {
            String text = Files.readString(new EfsLayout(efs).pageText("corpus", good, 1));
            assertThat(text).as(good).contains("TOTAL");
        }
        assertThat(Files.readString(new EfsLayout(efs).pageText("corpus", "good-pdf", 2))).contains("PAGE 2");
        // Empty-but-valid: pages with nothing to read produce a page with no lines, not an error.
        assertThat(outcomes.get(indexOf(cases, "blank-page")).get("lines").asInt()).isZero();
        assertThat(outcomes.get(indexOf(cases, "one-pixel")).get("lines").asInt()).isZero();
        assertThat(outcomes.get(indexOf(cases, "blank-page")).get("pages").asInt()).isEqualTo(1);
        assertThat(response.get("ok").asInt()).isEqualTo(9);
        assertThat(response.get("failed").asInt()).isEqualTo(cases.size() + 2 - 9);
        assertThat(Invocations.tempFiles(efs)).isEmpty();
    }

    @Test
    void aDecompressionBombIsRefusedWithoutAllocatingItsPixels() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/bomb"));
        Files.write(inbox.resolve("bomb.png"), Corpus.pngBomb(50_000, 50_000));
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);

        JsonNode response = Invocations.invoke(env, "bomb", List.of(efsDoc("bomb", "inbox/bomb/bomb.png")));

        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertThat(response.get("documents").get(0).get("errorType").asText()).isEqualTo("DocumentTooLarge");
        // Decoding would need 2.5 GB for the gray pixels alone; refusing from the header costs next to nothing.
        assertThat(peak).as("peak heap bytes").isLessThan(1L << 30);
        Reports.write("bomb-peak-heap.txt", List.of(Long.toString(peak)));
    }

    @Test
    void idsAndPathsThatEscapeTheRootFailAsInvalidIdAndWriteNothingOutside() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/escape"));
        Files.write(inbox.resolve("ok.png"), Corpus.goodPng());
        List<Map<String, String>> docs = List.of(
                efsDoc("../x", "inbox/escape/ok.png"),
                efsDoc("/etc/x", "inbox/escape/ok.png"),
                efsDoc("..", "inbox/escape/ok.png"),
                efsDoc("a/b", "inbox/escape/ok.png"),
                efsDoc("réçu", "inbox/escape/ok.png"),
                efsDoc(".hidden", "inbox/escape/ok.png"),
                efsDoc("nul\u0000x", "inbox/escape/ok.png"),
                efsDoc("etc-passwd", "/etc/passwd"),
                efsDoc("up-two", "../../x"),
                efsDoc("up-inside", "inbox/../../x"),
                efsDoc("nul-path", "inbox/escape/ok.png\u0000.pdf"),
                efsDoc("fine", "inbox/escape/ok.png"));
        List<Path> outsideBefore = Invocations.allFiles(efs.getParent());

        JsonNode response = Invocations.invoke(env, "escape", docs);

        JsonNode outcomes = response.get("documents");
        for (int i = 0; i < docs.size() - 1; i++) {
            assertThat(outcomes.get(i).get("errorType").asText()).as(outcomes.get(i).toString()).isEqualTo("InvalidId");
        }
        assertThat(outcomes.get(docs.size() - 1).get("status").asText()).isEqualTo("ok");
        // The only new files are the one good document's outputs, inside its own folder, its (empty) lock file and
        // the invocation's batch summary.
        List<Path> created = new ArrayList<>(Invocations.allFiles(efs.getParent()));
        created.removeAll(outsideBefore);
        Path lock = new EfsLayout(efs).lockFile("escape", "fine");
        assertThat(created).isNotEmpty().allMatch(p -> p.startsWith(efs.resolve("jobs/escape/fine")) || p.equals(lock)
                || p.startsWith(efs.resolve("jobs/.summaries/escape")));
    }

    @Test
    void aBatchIdThatEscapesTheRootRejectsTheRequest() throws Exception {
        for (String batchId : List.of("../b", "/tmp/b", "..", "b/../../c", "")) {
            JsonNode response = Invocations.invoke(env, batchId, List.of(efsDoc("d", "inbox/x.png")));
            assertThat(response.get("errorType").asText()).as(batchId).isEqualTo("InvalidId");
            assertThat(response.has("documents")).as(batchId).isFalse();
        }
        assertThat(efs.resolve("jobs")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(),
                p -> assertThat(Files.list(p).map(f -> f.getFileName().toString()).toList())
                        .doesNotContain("b", "c", ".."));
    }

    @Test
    void aTruncatedTiffIsCorrupt() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/tiff"));
        byte[] tiff = Corpus.tiff(Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50"));
        Files.write(inbox.resolve("truncated.tif"), Corpus.truncated(tiff, 0.5));

        JsonNode response = Invocations.invoke(env, "tiff", List.of(efsDoc("truncated-tiff", "inbox/tiff/truncated.tif")));

        assertThat(response.get("documents").get(0).path("errorType").asText()).isEqualTo("CorruptDocument");
    }

    @Test
    void aSymlinkInTheInboxCannotReadOutsideTheRoot() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/links"));
        Path outside = Files.write(efs.getParent().resolve("secret.png"), Corpus.goodPng());
        Files.createSymbolicLink(inbox.resolve("evil.png"), outside);

        JsonNode response = Invocations.invoke(env, "links", List.of(efsDoc("evil", "inbox/links/evil.png")));

        assertThat(response.get("documents").get(0).get("errorType").asText()).isEqualTo("InvalidId");
    }

    private static int indexOf(List<Case> cases, String docId) {
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).docId().equals(docId)) {
                return i;
            }
        }
        throw new IllegalArgumentException(docId);
    }

    static String read(Path p) throws IOException {
        return Files.readString(p);
    }
}
