package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.pipeline.BatchProcessor;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentTask;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warm environment serving batch after batch (good and bad documents mixed) must not grow: heap after a
 * full GC is compared between the 3rd and the last batch. Native memory (Tesseract, OpenCV) is not
 * visible here; the resident set is reported for the record.
 */
class SteadyMemoryTest {
    private static final int BATCHES = 12;

    @TempDir
    Path efs;

    @Test
    void heapDoesNotGrowAcrossWarmBatches() throws Exception {
        byte[] good = Corpus.goodPng();
        byte[] noise = Corpus.noisePng(11);
        byte[] bomb = Corpus.pngBomb(50_000, 50_000);
        byte[] truncated = Corpus.truncated(Corpus.pdf(2), 0.3);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<String> report = new ArrayList<>();
        long afterWarmUp = 0;
        long last = 0;
        int processed = 0;
        try (FunctionEnvironment env = Invocations.environment(efs, Map.of())) {
            BatchProcessor batch = env.batch();
            for (int b = 0; b < BATCHES; b++) {
                List<DocumentTask> tasks = List.of(new DocumentTask("good", () -> good),
                        new DocumentTask("noise", () -> noise), new DocumentTask("bomb", () -> bomb),
                        new DocumentTask("truncated", () -> truncated));
                List<DocumentOutcome> outcomes = batch.run("warm-" + b, tasks, () -> Long.MAX_VALUE, 0, o -> { });
                assertThat(outcomes).hasSize(4);
                assertThat(outcomes.get(0).isOk()).isTrue();
                processed += outcomes.size();
                System.gc();
                long used = memory.getHeapMemoryUsage().getUsed();
                report.add("batch=" + b + " heapUsedAfterGcBytes=" + used + " rssKb=" + rssKb());
                if (b == 2) {
                    afterWarmUp = used;
                }
                last = used;
            }
        }
        report.add("documents=" + processed + " growthBytes=" + (last - afterWarmUp));
        Reports.write("steady-memory.txt", report);
        assertThat(last - afterWarmUp).as("heap growth from batch 3 to batch " + BATCHES).isLessThan(64L << 20);
    }

    private static long rssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
