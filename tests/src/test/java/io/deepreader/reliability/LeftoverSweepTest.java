package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.function.OcrHandler;
import io.deepreader.ocr.efs.DocumentLocks;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, case 5 (leftovers): the pages a deferred attempt kept ({@code jobs/.partial/}) and the staging folder a
 * killed attempt left ({@code jobs/.staging/}) are swept at the start of an invocation once untouched for
 * PARTIAL_RETENTION_HOURS, never while their document's lock is held, and at most once per environment per
 * {@link io.deepreader.ocr.efs.LeftoverSweep#INTERVAL}. Real leftovers, made by deferred attempts in one environment,
 * aged by setting their folders' modification times; swept by a fresh environment's first invocation.
 */
class LeftoverSweepTest {
    private static final int PAGES = 3;
    private static final Duration AGED = Duration.ofHours(25);

    @TempDir
    Path efs;

    @Test
    void oldLeftoversGoAtTheStartOfAnInvocationYoungAndLockedOnesStay() throws Exception {
        Files.createDirectories(efs.resolve("inbox"));
        BufferedImage[] pages = new BufferedImage[PAGES];
        for (int i = 0; i < PAGES; i++) {
            pages[i] = Corpus.textPage("SWEPT PAGE " + (i + 1));
        }
        Files.write(efs.resolve("inbox/doc.tif"), Corpus.tiff(pages));
        Files.write(efs.resolve("inbox/good.png"), Corpus.png(Corpus.textPage("GOOD 1")));
        EfsLayout layout = new EfsLayout(efs);
        try (FunctionEnvironment maker = Invocations.environment(efs, Map.of())) {
            for (String doc : new String[] {"old", "killed", "young", "busy"}) {
                JsonNode deferred = invoke(maker, doc, "inbox/doc.tif", deadlineAfter(1)).get("documents").get(0);
                assertThat(deferred.get("pagesDone").asInt()).as(deferred.toString()).isEqualTo(1);
            }
        }
        // A killed attempt's folder: the same files, in jobs/.staging (partial.json is written after every page).
        Path killed = layout.stagingBatchDir("sweep").resolve("killed." + UUID.randomUUID());
        Files.createDirectories(killed.getParent());
        Files.move(layout.partialDir("sweep", "killed"), killed);
        age(layout.partialDir("sweep", "old"), AGED);
        age(killed, AGED);
        age(layout.partialDir("sweep", "young"), Duration.ofHours(23));
        age(layout.partialDir("sweep", "busy"), AGED);

        try (FunctionEnvironment env = Invocations.environment(efs, Map.of("PARTIAL_RETENTION_HOURS", "24"))) {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread writer = holdLock(env.batch().pipeline().locks(), "busy", held, release);
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

            JsonNode first = invoke(env, "good", "inbox/good.png", null);

            release.countDown();
            writer.join();
            assertThat(first.get("ok").asInt()).isEqualTo(1);
            assertThat(layout.partialDir("sweep", "old")).doesNotExist();
            assertThat(killed).doesNotExist();
            assertThat(layout.partialDir("sweep", "young").resolve("partial.json")).isRegularFile();
            assertThat(layout.partialDir("sweep", "busy").resolve("partial.json")).as("lock held").isRegularFile();

            // Within the interval, this environment does not sweep again: the now old leftover stays.
            age(layout.partialDir("sweep", "young"), AGED);
            invoke(env, "good", "inbox/good.png", null);
            assertThat(layout.partialDir("sweep", "young").resolve("partial.json")).isRegularFile();

            // A swept document is read again whole; one whose pages stayed goes on from them.
            JsonNode old = invoke(env, "old", "inbox/doc.tif", null).get("documents").get(0);
            assertThat(old.get("status").asText()).isEqualTo("ok");
            assertThat(old.has("pagesResumed")).as(old.toString()).isFalse();
            JsonNode young = invoke(env, "young", "inbox/doc.tif", null).get("documents").get(0);
            assertThat(young.get("pagesResumed").asInt()).as(young.toString()).isEqualTo(1);
        }
    }

    private static Thread holdLock(DocumentLocks locks, String docId, CountDownLatch held, CountDownLatch release) {
        Thread writer = new Thread(() -> {
            try (DocumentLocks.Held lock = locks.acquire("sweep", docId)) {
                held.countDown();
                release.await();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        return writer;
    }

    private static void age(Path dir, Duration age) throws IOException {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(age)));
    }

    /** Plenty of time for the first {@code questions} asks, then under the 10 s margin. */
    private static Context deadlineAfter(int questions) {
        AtomicInteger asked = new AtomicInteger();
        return new TimeBudgetTest.CountdownContext(() -> asked.incrementAndGet() <= questions ? 60_000 : 3_000);
    }

    private static JsonNode invoke(FunctionEnvironment env, String docId, String efsPath, Context context)
            throws IOException {
        String request = "{\"batchId\": \"sweep\", \"documents\": [{\"docId\": \"" + docId + "\", \"efsPath\": \""
                + efsPath + "\"}]}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new OcrHandler(env).handleRequest(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, context);
        return ResultJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
    }
}
