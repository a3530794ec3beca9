package io.deepreader.reliability;

import static io.deepreader.reliability.Invocations.efsDoc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pipeline.DocumentManifest;
import io.deepreader.ocr.pipeline.DocumentStatus;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, cases 1 and 2: a document's output set comes from exactly one attempt (no two sources mixed under
 * one docId, within a request or across concurrent invocations), and a completed result is never downgraded
 * by a later failed attempt.
 */
class OutputSetIntegrityTest {
    @TempDir
    static Path temp;
    private static Path efs;
    private static Path inbox;
    private static FunctionEnvironment env;
    private static EfsLayout layout;

    @BeforeAll
    static void start() throws IOException {
        efs = Files.createDirectories(temp.resolve("efs"));
        inbox = Files.createDirectories(efs.resolve("inbox"));
        layout = new EfsLayout(efs);
        env = Invocations.environment(efs, Map.of());
        Files.write(inbox.resolve("two-page.tif"), Corpus.tiff(Corpus.textPage("ALPHA PAGE ONE 11.00"),
                Corpus.textPage("ALPHA PAGE TWO 22.00")));
        Files.write(inbox.resolve("invoice.png"), Corpus.png(Corpus.textPage("BRAVO RECEIPT 33.00")));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void aDuplicateDocIdInOneRequestIsRefusedAndTheFirstEntryOwnsTheOutputs() throws Exception {
        JsonNode response = Invocations.invoke(env, "dup1", List.of(efsDoc("dup", "inbox/two-page.tif"),
                efsDoc("dup", "inbox/invoice.png")));

        JsonNode docs = response.get("documents");
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).get("status").asText()).isEqualTo("ok");
        assertThat(docs.get(0).get("pages").asInt()).isEqualTo(2);
        assertThat(docs.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(docs.get(1).get("errorType").asText()).isEqualTo("DuplicateDocId");
        assertOneSourceOwns("dup1", "dup");
        assertThat(manifest("dup1", "dup").sourceSha256()).isEqualTo(Invocations.sha256(inbox.resolve("two-page.tif")));
    }

    @Test
    void concurrentInvocationsOfOneDocIdWithDifferentFilesNeverMixTheirOutputs() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String batch = "race" + round;
                List<Future<JsonNode>> answers = new ArrayList<>();
                for (String file : List.of("inbox/two-page.tif", "inbox/invoice.png")) {
                    answers.add(clients.submit(() -> Invocations.invoke(env, batch, List.of(efsDoc("same", file)))));
                }
                for (Future<JsonNode> answer : answers) {
                    assertThat(answer.get().get("ok").asInt()).as(answer.get().toString()).isEqualTo(1);
                }
                assertOneSourceOwns(batch, "same");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(Invocations.tempFiles(efs)).isEmpty();
        try (Stream<Path> staged = Files.walk(efs.resolve("jobs/.staging"))) {
            assertThat(staged.filter(Files::isRegularFile).toList()).as("staging folders left behind").isEmpty();
        }
    }

    @Test
    void aRetryWhoseSourceIsGoneOrCorruptKeepsTheCompletedResult() throws Exception {
        Path source = Files.write(inbox.resolve("keep.png"), Corpus.png(Corpus.textPage("BRAVO RECEIPT 33.00")));
        JsonNode first = Invocations.invoke(env, "keep", List.of(efsDoc("k", "inbox/keep.png")));
        assertThat(first.get("ok").asInt()).isEqualTo(1);
        Map<Path, byte[]> before = snapshot(layout.documentDir("keep", "k"));

        Files.write(source, Corpus.truncated(Files.readAllBytes(source), 0.5));
        JsonNode corrupt = Invocations.invoke(env, "keep", List.of(efsDoc("k", "inbox/keep.png")));
        Files.delete(source);
        JsonNode gone = Invocations.invoke(env, "keep", List.of(efsDoc("k", "inbox/keep.png")));

        assertThat(corrupt.get("documents").get(0).get("errorType").asText()).isEqualTo("CorruptDocument");
        assertThat(gone.get("documents").get(0).get("errorType").asText()).isEqualTo("DocumentNotFound");
        assertThat(gone.get("documents").get(0).get("errorMessage").asText()).contains("completed result of an earlier attempt is kept");
        Map<Path, byte[]> after = snapshot(layout.documentDir("keep", "k"));
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((path, bytes) -> assertThat(after.get(path)).as(path.toString()).isEqualTo(bytes));
        assertThat(manifest("keep", "k").status()).isEqualTo(DocumentStatus.OK);
    }

    @Test
    void anObjectRemovedEventStartsNoOcr() throws Exception {
        String event = """
                {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectRemoved:Delete",
                  "s3": {"bucket": {"name": "receipts"}, "object": {"key": "in/gone.png"}}},
                 {"eventSource": "aws:s3", "eventName": "LifecycleExpiration:Delete",
                  "s3": {"bucket": {"name": "receipts"}, "object": {"key": "in/old.png"}}}]}""";

        JsonNode response = Invocations.invokeRaw(env, event);

        assertThat(response.get("documents")).isEmpty();
        assertThat(efs.resolve("jobs/s3-receipts")).doesNotExist();
    }

    /** document.json, the page files present and their text all belong to one source file. */
    private static void assertOneSourceOwns(String batch, String docId) throws IOException {
        DocumentManifest m = manifest(batch, docId);
        assertThat(m.status()).isEqualTo(DocumentStatus.OK);
        boolean tiff = m.sourceSha256().equals(Invocations.sha256(inbox.resolve("two-page.tif")));
        if (!tiff) {
            assertThat(m.sourceSha256()).isEqualTo(Invocations.sha256(inbox.resolve("invoice.png")));
        }
        List<String> expectedPages = tiff ? List.of("page-0001", "page-0002") : List.of("page-0001");
        assertThat(m.pages()).isEqualTo(expectedPages);
        List<String> expectedFiles = new ArrayList<>(List.of("document.json"));
        for (String p : expectedPages) {
            expectedFiles.addAll(List.of(p + ".detections.json", p + ".ocr.json", p + ".png", p + ".txt"));
        }
        try (Stream<Path> files = Files.list(layout.documentDir(batch, docId))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .isEqualTo(expectedFiles.stream().sorted().toList());
        }
        for (int page = 1; page <= expectedPages.size(); page++) {
            String text = Files.readString(layout.pageText(batch, docId, page));
            assertThat(text).as(batch + " page " + page).contains(tiff ? "ALPHA" : "BRAVO").doesNotContain(tiff ? "BRAVO" : "ALPHA");
        }
    }

    private static DocumentManifest manifest(String batch, String docId) throws IOException {
        return ResultJson.mapper().readValue(layout.documentManifest(batch, docId).toFile(), DocumentManifest.class);
    }

    private static Map<Path, byte[]> snapshot(Path dir) throws IOException {
        Map<Path, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(dir)) {
            for (Path p : paths.toList()) {
                files.put(p, Files.readAllBytes(p));
            }
        }
        return files;
    }
}
