package io.deepreader.client;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** A one-line progress bar on stderr, so stdout stays clean for {@code --json}. */
public final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final String label;
    private final int total;
    private final boolean enabled;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final long start = System.nanoTime();

    public Progress(PrintWriter out, String label, int total, boolean enabled) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
    }

    public void step(boolean ok) {
        int d = done.incrementAndGet();
        int f = ok ? failed.get() : failed.incrementAndGet();
        if (!enabled) {
            return;
        }
        int filled = total == 0 ? WIDTH : d * WIDTH / total;
        double seconds = (System.nanoTime() - start) / 1e9;
        synchronized (out) {
            out.printf("\r%s [%s%s] %d/%d failed=%d %.1fs", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
                    d, total, f, seconds);
            if (d == total) {
                out.println();
            }
            out.flush();
        }
    }
}
