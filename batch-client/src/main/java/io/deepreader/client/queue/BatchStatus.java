package io.deepreader.client.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.client.Json;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.efs.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a batch stands: documents done and failed from their {@code document.json} on EFS, messages still
 * pending on the uploads queue (visible or in flight) and parked in its dead-letter queue.
 *
 * @param pending -1 when no queue was given
 * @param inDlq   -1 when no dead-letter queue was given
 */
public record BatchStatus(String batchId, int done, int failed, Map<String, Integer> failedByType, int pending, int inDlq) {

    public int total() {
        return done + failed + Math.max(0, pending) + Math.max(0, inDlq);
    }

    public boolean finished() {
        return pending == 0;
    }

    /** Reads every {@code jobs/{batchId}/*}/document.json; a folder without one is still being written. */
    static BatchStatus fromEfs(Path efsRoot, String batchId, int pending, int inDlq) throws IOException {
        Ids.require("batch id", batchId);
        Path dir = new EfsLayout(efsRoot).batchDir(batchId);
        int done = 0;
        int failed = 0;
        Map<String, Integer> byType = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> docs = Files.list(dir)) {
                for (Path doc : docs.toList()) {
                    Path manifest = doc.resolve("document.json");
                    if (!Files.isRegularFile(manifest)) {
                        continue;
                    }
                    JsonNode m = Json.mapper().readTree(manifest.toFile());
                    if ("ok".equals(m.path("status").asText())) {
                        done++;
                    } else {
                        failed++;
                        byType.merge(m.path("errorType").asText("unknown"), 1, Integer::sum);
                    }
                }
            }
        }
        return new BatchStatus(batchId, done, failed, byType, pending, inDlq);
    }
}
