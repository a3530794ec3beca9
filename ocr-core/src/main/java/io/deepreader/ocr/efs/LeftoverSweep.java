package io.deepreader.ocr.efs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what attempts left behind and no retry came for: a deferred document's {@code jobs/.partial/{batchId}/{docId}/}
 * and a killed attempt's {@code jobs/.staging/{batchId}/{docId}.{uuid}/} (or a {@code .replaced} set a publish left
 * when killed between its two renames), once nothing has been written into the folder for the retention. A folder
 * is removed only under its document's lock, taken without waiting: a document being written is left alone, and a
 * retry can never take over a folder half deleted. At most {@link #MAX_REMOVED} folders go in one sweep, so a
 * backlog is worked off over several invocations instead of costing one of them its time. Empty batch folders and
 * lock files stay (an attempt may be creating a folder in the one, and deleting the other would split the lock).
 */
public final class LeftoverSweep {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverSweep.class);
    /** A sweep lists two folders per batch with leftovers; once every quarter hour per environment is plenty. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);
    static final int MAX_REMOVED = 100;

    private final EfsLayout layout;
    private final DocumentLocks locks;
    private final Duration retention;
    private final Clock clock;
    private Instant lastSweep;

    /** What one sweep did: folders removed, skipped as their document was being written, kept as younger than the retention. */
    public record Swept(int removed, int busy, int young) {
    }

    /** @param locks the pipeline's own: a second instance in one JVM could release its locks (see {@link DocumentLocks}) */
    public LeftoverSweep(EfsLayout layout, DocumentLocks locks, Duration retention, Clock clock) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative: " + retention);
        }
        this.layout = layout;
        this.locks = locks;
        this.retention = retention;
        this.clock = clock;
    }

    /** Sweeps unless this instance (one per execution environment) started one less than {@link #INTERVAL} ago. */
    public Optional<Swept> sweepIfDue() {
        synchronized (this) {
            Instant now = clock.instant();
            if (lastSweep != null && now.isBefore(lastSweep.plus(INTERVAL))) {
                return Optional.empty();
            }
            lastSweep = now;
        }
        return Optional.of(sweep());
    }

    /** Never throws: a folder that cannot be listed or removed is logged and left for the next sweep. */
    public Swept sweep() {
        long start = System.nanoTime();
        Instant cutoff = clock.instant().minus(retention);
        Tally tally = new Tally();
        for (Path batch : folders(layout.partialRoot())) {
            for (Path doc : folders(batch)) {
                String docId = doc.getFileName().toString();
                if (Ids.isValid(docId)) {
                    consider(batch.getFileName().toString(), docId, doc, cutoff, tally);
                }
            }
        }
        for (Path batch : folders(layout.stagingRoot())) {
            for (Path attempt : folders(batch)) {
                Optional<String> docId = EfsLayout.stagedDocId(attempt.getFileName().toString());
                if (docId.isPresent()) {
                    consider(batch.getFileName().toString(), docId.get(), attempt, cutoff, tally);
                }
            }
        }
        Swept swept = new Swept(tally.removed, tally.busy, tally.young);
        LOG.atInfo().addKeyValue("removed", swept.removed()).addKeyValue("busy", swept.busy())
                .addKeyValue("young", swept.young()).addKeyValue("retentionHours", retention.toHours())
                .addKeyValue("totalMs", Math.round((System.nanoTime() - start) / 1e6)).log("leftovers swept");
        return swept;
    }

    private static final class Tally {
        int removed;
        int busy;
        int young;
    }

    private void consider(String batchId, String docId, Path dir, Instant cutoff, Tally tally) {
        if (tally.removed >= MAX_REMOVED || !Ids.isValid(batchId)) {
            return;
        }
        try {
            if (!olderThan(dir, cutoff)) {
                tally.young++;
                return;
            }
            Optional<DocumentLocks.Held> lock = locks.tryAcquire(batchId, docId);
            if (lock.isEmpty()) {
                tally.busy++;
                return;
            }
            try (DocumentLocks.Held held = lock.get()) {
                // Looked at again under the lock: an attempt may have taken it over, or written to it, meanwhile.
                if (olderThan(dir, cutoff)) {
                    FileTrees.delete(dir);
                    tally.removed++;
                    LOG.atInfo().addKeyValue("folder", layout.root().relativize(dir).toString()).log("leftover removed");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.atWarn().addKeyValue("folder", layout.root().relativize(dir).toString()).addKeyValue("cause", e.toString())
                    .log("could not sweep a leftover");
        }
    }

    /** The folder's own modification time: it changes whenever an attempt adds or renames a file in it. */
    private static boolean olderThan(Path dir, Instant cutoff) throws IOException {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
    }

    private List<Path> folders(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("folder", layout.root().relativize(dir).toString()).addKeyValue("cause", e.toString())
                    .log("could not list leftovers");
            return List.of();
        }
    }
}
