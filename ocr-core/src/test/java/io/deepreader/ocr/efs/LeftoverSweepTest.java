package io.deepreader.ocr.efs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverSweepTest {
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path root;

    @Test
    void removesLeftoversUntouchedForTheRetentionAndNothingElse() throws Exception {
        EfsLayout layout = new EfsLayout(root);
        Path oldPartial = leftover(layout.partialDir("b", "deferred"), Duration.ofHours(25));
        Path youngPartial = leftover(layout.partialDir("b", "recent"), Duration.ofHours(23));
        Path oldKilled = leftover(layout.stagingBatchDir("b").resolve("killed." + UUID.randomUUID()), Duration.ofDays(3));
        Path oldReplaced = leftover(layout.stagingBatchDir("b").resolve("doc." + UUID.randomUUID() + ".replaced"),
                Duration.ofDays(3));
        Path notAnAttempt = leftover(layout.stagingBatchDir("b").resolve("killed.not-a-uuid"), Duration.ofDays(3));
        Path published = leftover(layout.documentDir("b", "done"), Duration.ofDays(30));

        LeftoverSweep.Swept swept = new LeftoverSweep(layout, new DocumentLocks(layout), RETENTION, fixed(NOW)).sweep();

        assertThat(swept).isEqualTo(new LeftoverSweep.Swept(3, 0, 1));
        assertThat(oldPartial).doesNotExist();
        assertThat(oldKilled).doesNotExist();
        assertThat(oldReplaced).doesNotExist();
        assertThat(youngPartial.resolve("partial.json")).isRegularFile();
        assertThat(notAnAttempt.resolve("partial.json")).isRegularFile();
        assertThat(published.resolve("partial.json")).isRegularFile();
    }

    @Test
    void aDocumentBeingWrittenIsLeftAloneAndSweptOnceFreeAfterTheInterval() throws Exception {
        EfsLayout layout = new EfsLayout(root);
        DocumentLocks locks = new DocumentLocks(layout);
        Path killed = leftover(layout.stagingBatchDir("b").resolve("doc." + UUID.randomUUID()), Duration.ofDays(2));
        MutableClock clock = new MutableClock(NOW);
        LeftoverSweep sweep = new LeftoverSweep(layout, locks, RETENTION, clock);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (DocumentLocks.Held lock = locks.acquire("b", "doc")) {
                held.countDown();
                done.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sweep.sweepIfDue()).contains(new LeftoverSweep.Swept(0, 1, 0));
        assertThat(killed).isDirectory();
        done.countDown();
        writer.join();

        clock.now = NOW.plus(LeftoverSweep.INTERVAL).minusSeconds(1);
        assertThat(sweep.sweepIfDue()).as("within the interval").isEmpty();
        assertThat(killed).isDirectory();
        clock.now = NOW.plus(LeftoverSweep.INTERVAL);
        assertThat(sweep.sweepIfDue()).contains(new LeftoverSweep.Swept(1, 0, 0));
        assertThat(killed).doesNotExist();
    }

    @Test
    void oneSweepRemovesAtMostItsBound() throws Exception {
        EfsLayout layout = new EfsLayout(root);
        for (int i = 0; i < LeftoverSweep.MAX_REMOVED + 5; i++) {
            leftover(layout.partialDir("b", "doc" + i), Duration.ofDays(2));
        }
        LeftoverSweep sweep = new LeftoverSweep(layout, new DocumentLocks(layout), RETENTION, fixed(NOW));

        assertThat(sweep.sweep().removed()).isEqualTo(LeftoverSweep.MAX_REMOVED);
        assertThat(sweep.sweep().removed()).isEqualTo(5);
        try (var left = Files.list(layout.partialRoot().resolve("b"))) {
            assertThat(left.toList()).isEmpty();
        }
    }

    /** A folder with a file in it, last written {@code age} before {@link #NOW}. */
    private static Path leftover(Path dir, Duration age) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("partial.json"), "{}");
        Files.setLastModifiedTime(dir, FileTime.from(NOW.minus(age)));
        return dir;
    }

    private static Clock fixed(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
