package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pipeline.BatchProcessor;
import io.deepreader.ocr.pipeline.DocumentManifest;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentStatus;
import io.deepreader.ocr.pipeline.DocumentTask;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected around the real pipeline: an EFS root that cannot be written, the invocation's time
 * running out, a worker dying, a document failing half-way; and retries that must be idempotent.
 * Tests run as root, so chmod would not stop writes: unwritable places are made by putting a regular
 * file where the pipeline needs a directory, which fails for every user.
 */
class FaultInjectionTest {
    private static final LongSupplier UNBOUNDED = () -> Long.MAX_VALUE;

    @TempDir
    static Path efs;
    private static FunctionEnvironment env;
    private static BatchProcessor batch;
    private static EfsLayout layout;

    @BeforeAll
    static void start() {
        env = Invocations.environment(efs, Map.of());
        batch = env.batch();
        layout = new EfsLayout(efs);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static List<DocumentTask> tasks(int n) {
        List<DocumentTask> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] bytes = Corpus.png(Corpus.textPage("DOCUMENT " + i + " TOTAL " + (10 + i) + ".00"));
            tasks.add(new DocumentTask("d" + i, () -> bytes));
        }
        return tasks;
    }

    private static List<DocumentOutcome> run(String batchId, List<DocumentTask> tasks, LongSupplier remaining) {
        return batch.run(batchId, tasks, remaining, 10_000, o -> { });
    }

    @Test
    void anUnwritableBatchFolderFailsEveryDocumentTypedAndRecoversOnRetry() throws Exception {
        Files.createDirectories(layout.jobsDir());
        Files.writeString(layout.jobsDir().resolve("blocked"), "a file where the batch folder belongs");

        List<DocumentOutcome> failed = run("blocked", tasks(3), UNBOUNDED);

        assertThat(failed).extracting(DocumentOutcome::status).containsOnly(DocumentStatus.FAILED);
        assertThat(failed).extracting(DocumentOutcome::errorType).containsOnly("OutputWriteFailed");
        assertThat(Invocations.tempFiles(efs)).isEmpty();

        Files.delete(layout.jobsDir().resolve("blocked"));
        List<DocumentOutcome> retried = run("blocked", tasks(3), UNBOUNDED);
        assertThat(retried).extracting(DocumentOutcome::status).containsOnly(DocumentStatus.OK);
    }

    @Test
    void oneUnwritableDocumentFolderFailsOnlyThatDocument() throws Exception {
        Files.createDirectories(layout.batchDir("partial"));
        Files.writeString(layout.batchDir("partial").resolve("d1"), "in the way");

        List<DocumentOutcome> outcomes = run("partial", tasks(3), UNBOUNDED);

        assertThat(outcomes.get(1).errorType()).isEqualTo("OutputWriteFailed");
        assertThat(outcomes.get(0).isOk()).isTrue();
        assertThat(outcomes.get(2).isOk()).isTrue();
        assertThat(Invocations.tempFiles(efs)).isEmpty();
    }

    @Test
    void runningOutOfTimeDefersTheRestAndTheRetryCompletesThemIdempotently() throws Exception {
        List<DocumentTask> tasks = tasks(6);
        // Lambda's clock: plenty for the first two documents asked about, then under the 10 s margin.
        AtomicInteger asked = new AtomicInteger();
        LongSupplier remaining = () -> asked.incrementAndGet() <= 2 ? 60_000 : 3_000;

        List<DocumentOutcome> first = run("deadline", tasks, remaining);

        assertThat(first).filteredOn(DocumentOutcome::isOk).hasSize(2);
        List<String> deferred = first.stream().filter(o -> o.status() == DocumentStatus.DEFERRED)
                .map(DocumentOutcome::docId).toList();
        assertThat(deferred).hasSize(4);
        for (String docId : deferred) {
            assertThat(layout.documentDir("deadline", docId)).doesNotExist(); // nothing half-started
        }

        // The caller retries exactly the deferred ones; then the whole batch again (a duplicate delivery).
        List<DocumentTask> retry = tasks.stream().filter(t -> deferred.contains(t.docId())).toList();
        assertThat(run("deadline", retry, UNBOUNDED)).allMatch(DocumentOutcome::isOk);
        Map<Path, byte[]> before = snapshot("deadline");
        List<DocumentOutcome> again = run("deadline", tasks, UNBOUNDED);
        assertThat(again).allMatch(o -> o.isOk() && o.reused());
        Map<Path, byte[]> after = snapshot("deadline");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((p, bytes) -> assertThat(bytes).as(p.toString()).isEqualTo(before.get(p)));
        Reports.write("deadline.txt", List.of("documents=6 okFirst=2 deferred=4 okAfterRetry=6 reusedOnDuplicate="
                + again.stream().filter(DocumentOutcome::reused).count() + " lost=0"));
    }

    @Test
    void aDocumentRedoneAfterACrashBeforeItsMarkerProducesTheSameOutputs() throws Exception {
        List<DocumentTask> tasks = tasks(1);
        assertThat(run("redo", tasks, UNBOUNDED).get(0).isOk()).isTrue();
        JsonNode original = withoutTimings(layout.ocrJson("redo", "d0", 1));
        String text = Files.readString(layout.pageText("redo", "d0", 1));
        // A crash after the page files but before document.json: the marker is missing, so it is redone.
        Files.delete(layout.documentManifest("redo", "d0"));

        DocumentOutcome redone = run("redo", tasks, UNBOUNDED).get(0);

        assertThat(redone.isOk()).isTrue();
        assertThat(redone.reused()).isFalse();
        assertThat(withoutTimings(layout.ocrJson("redo", "d0", 1))).isEqualTo(original);
        assertThat(Files.readString(layout.pageText("redo", "d0", 1))).isEqualTo(text).contains("TOTAL");
    }

    @Test
    void aDocumentFailingAfterItsFirstPageIsMarkedFailedNeverComplete() throws Exception {
        // Page 1 is fine; page 2 would be 83333x83333 pixels at 300 dpi and is refused after page 1 was written.
        byte[] pdf;
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(PDRectangle.A6));
            doc.addPage(new PDPage(new PDRectangle(20_000, 20_000)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            pdf = out.toByteArray();
        }

        DocumentOutcome outcome = run("halfway", List.of(new DocumentTask("two-pages", () -> pdf)), UNBOUNDED).get(0);

        assertThat(outcome.errorType()).isEqualTo("DocumentTooLarge");
        DocumentManifest m = ResultJson.mapper().readValue(layout.documentManifest("halfway", "two-pages").toFile(),
                DocumentManifest.class);
        assertThat(m.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(m.pages()).isEmpty(); // extractors are never pointed at the orphaned page 1
        assertThat(Invocations.tempFiles(efs)).isEmpty();
    }

    @Test
    void aWorkerThatDiesYieldsAnOutcomeAndThePoolKeepsWorking() {
        List<DocumentTask> tasks = new ArrayList<>(tasks(2));
        tasks.add(1, new DocumentTask("crash", () -> {
            throw new AssertionError("injected worker crash");
        }));
        tasks.add(new DocumentTask("oom", () -> {
            throw new OutOfMemoryError("injected");
        }));
        tasks.add(new DocumentTask("npe", () -> {
            throw new NullPointerException("injected");
        }));

        List<DocumentOutcome> outcomes = run("crash", tasks, UNBOUNDED);

        assertThat(outcomes).extracting(DocumentOutcome::docId).containsExactly("d0", "crash", "d1", "oom", "npe");
        assertThat(outcomes.get(1).errorType()).isEqualTo("WorkerCrashed");
        assertThat(outcomes.get(3).errorType()).isEqualTo("InternalError");
        assertThat(outcomes.get(4).errorType()).isEqualTo("InternalError");
        assertThat(outcomes.get(0).isOk()).isTrue();
        assertThat(outcomes.get(2).isOk()).isTrue();
        // Every worker is still usable afterwards.
        assertThat(run("after-crash", tasks(batch.workerCount() + 1), UNBOUNDED)).allMatch(DocumentOutcome::isOk);
    }

    private static Map<Path, byte[]> snapshot(String batchId) throws IOException {
        Map<Path, byte[]> files = new java.util.TreeMap<>();
        for (Path p : Invocations.allFiles(layout.batchDir(batchId))) {
            files.put(p, Files.readAllBytes(p));
        }
        return files;
    }

    private static JsonNode withoutTimings(Path ocrJson) throws IOException {
        ObjectNode node = (ObjectNode) ResultJson.mapper().readTree(ocrJson.toFile());
        node.remove("timingsMs");
        return node;
    }
}
