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
 * A lock dies with its holder: the kernel drops a killed process's fcntl locks (on EFS the NFS client releases them
 * as the process's files close; a client that vanishes loses them when its lease expires), so a retry after a
 * timeout or an OOM kill is never blocked by the attempt it replaces. One instance per EFS root and JVM: all of a
 * process's locks on a file go with the first of its channels to close.
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
            return held(file, holder, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            release(file, holder);
            throw e;
        }
    }

    /**
     * The lock if no other thread or process holds it, without waiting; empty when the document is being written.
     * A thread that holds it already gets empty too: a second channel on the lock file would be a second fcntl lock of
     * this process, and closing it would release the first (POSIX locks belong to the process, not the descriptor).
     */
    public java.util.Optional<Held> tryAcquire(String batchId, String docId) throws IOException {
        Path file = layout.lockFile(batchId, docId);
        Holder holder = inProcess.compute(file, (k, h) -> {
            Holder held = h == null ? new Holder() : h;
            held.users++;
            return held;
        });
        if (!holder.lock.tryLock()) {
            forget(file);
            return java.util.Optional.empty();
        }
        if (holder.lock.getHoldCount() > 1) {
            release(file, holder);
            return java.util.Optional.empty();
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = channel.tryLock();
            if (fileLock == null) {
                channel.close();
                release(file, holder);
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(held(file, holder, channel, fileLock));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            release(file, holder);
            throw e;
        }
    }

    private Held held(Path file, Holder holder, FileChannel channel, FileLock fileLock) {
        return () -> {
            try {
                fileLock.release();
                channel.close();
            } finally {
                release(file, holder);
            }
        };
    }

    private void release(Path file, Holder holder) {
        holder.lock.unlock();
        forget(file);
    }

    private void forget(Path file) {
        inProcess.computeIfPresent(file, (k, h) -> --h.users == 0 ? null : h);
    }
}
