package io.deepreader.ocr.efs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One writer per document output set. Two threads of one JVM are ordered by an in-process lock (a JVM holds
 * a file lock for the whole process, so {@link FileChannel#lock()} alone would throw between threads); other
 * processes and hosts by an advisory lock on {@code jobs/.locks/{batchId}/{docId}.lock} (fcntl, which EFS
 * supports over NFSv4.1). The lock files stay: empty, and deleting one under a waiter would split the lock.
 */
public final class DocumentLocks {
    private final EfsLayout layout;
    private final ConcurrentHashMap<Path, Holder> inProcess = new ConcurrentHashMap<>();

    /** Released by closing; a document is written only while its lock is held. */
    public interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    private static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    public DocumentLocks(EfsLayout layout) {
        this.layout = layout;
    }

    /** Blocks until no other thread or process writes this document. */
    public Held acquire(String batchId, String docId) throws IOException {
        Path file = layout.lockFile(batchId, docId);
        Holder holder = inProcess.compute(file, (k, h) -> {
            Holder held = h == null ? new Holder() : h;
            held.users++;
            return held;
        });
        holder.lock.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.lock();
            FileChannel opened = channel;
            return () -> {
                try {
                    fileLock.release();
                    opened.close();
                } finally {
                    release(file, holder);
                }
            };
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            release(file, holder);
            throw e;
        }
    }

    private void release(Path file, Holder holder) {
        holder.lock.unlock();
        inProcess.computeIfPresent(file, (k, h) -> --h.users == 0 ? null : h);
    }
}
