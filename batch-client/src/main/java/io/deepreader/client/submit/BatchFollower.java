package io.deepreader.client.submit;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.client.Json;
import io.deepreader.function.DocumentIds;
import io.deepreader.ocr.efs.EfsLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Follows uploaded documents to completion: each upload's document (batch {@code s3-<bucket>}, the id the
 * function derives from bucket and key) is finished once its {@code document.json} exists, written last.
 */
final class BatchFollower {
    private static final int WIDTH = 30;
    private final EfsLayout layout;
    private final String bucket;
    private final Clock clock;

    /** @param pending documents without a result when following ended (timeout) */
    record Outcome(String batchId, int documents, int done, int failed, int pending) {
    }

    BatchFollower(Path efsRoot, String bucket, Clock clock) {
        this.layout = new EfsLayout(efsRoot);
        this.bucket = bucket;
        this.clock = clock;
    }

    String batchId() {
        return "s3-" + bucket.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    Outcome follow(List<String> keys, Duration timeout, Duration interval, PrintWriter err, boolean progress)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Outcome now = look(keys);
            if (progress) {
                int filled = keys.isEmpty() ? WIDTH : (now.done() + now.failed()) * WIDTH / keys.size();
                err.printf(Locale.ROOT, "\rfollow %s [%s%s] done=%d failed=%d pending=%d", now.batchId(), "#".repeat(filled),
                        " ".repeat(WIDTH - filled), now.done(), now.failed(), now.pending());
                err.flush();
            }
            if (now.pending() == 0 || !clock.instant().isBefore(deadline)) {
                if (progress) {
                    err.println();
                }
                return now;
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private Outcome look(List<String> keys) {
        int done = 0;
        int failed = 0;
        for (String key : keys) {
            Path manifest = layout.documentManifest(batchId(), DocumentIds.forS3(bucket, key));
            if (!Files.isRegularFile(manifest)) {
                continue;
            }
            try {
                JsonNode m = Json.mapper().readTree(manifest.toFile());
                if ("ok".equals(m.path("status").asText())) {
                    done++;
                } else {
                    failed++;
                }
            } catch (IOException e) {
                // Written atomically, so unreadable means being replaced right now: look again next time.
            }
        }
        return new Outcome(batchId(), keys.size(), done, failed, keys.size() - done - failed);
    }
}
