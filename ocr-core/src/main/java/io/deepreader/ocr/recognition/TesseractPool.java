package io.deepreader.ocr.recognition;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;

/**
 * A bounded set of reused Tesseract engines, one per concurrent worker. A worker borrows an engine for a
 * whole page and gives it back; engines are created lazily (or ahead, by {@link #warm}) up to {@code size}.
 */
public final class TesseractPool implements AutoCloseable {
    private final TesseractConfig config;
    private final int size;
    private final LinkedBlockingDeque<TesseractEngine> idle = new LinkedBlockingDeque<>();
    private final List<TesseractEngine> all = new ArrayList<>();
    private boolean closed;

    public TesseractPool(TesseractConfig config, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be >= 1");
        }
        this.config = config;
        this.size = size;
    }

    public int size() {
        return size;
    }

    public TesseractConfig config() {
        return config;
    }

    /** Creates up to {@code count} engines now, so the first documents do not pay for init. */
    public void warm(int count) {
        List<TesseractEngine> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TesseractEngine engine = tryCreate();
            if (engine == null) {
                break;
            }
            made.add(engine);
        }
        made.forEach(idle::offerFirst);
    }

    public <T> T withEngine(Function<TesseractEngine, T> work) {
        TesseractEngine engine = borrow();
        boolean healthy = false;
        try {
            T result = work.apply(engine);
            healthy = true;
            return result;
        } finally {
            giveBack(engine, healthy);
        }
    }

    private TesseractEngine borrow() {
        TesseractEngine engine = idle.pollFirst();
        if (engine != null) {
            return engine;
        }
        engine = tryCreate();
        if (engine != null) {
            return engine;
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecognitionException("interrupted while waiting for a Tesseract engine");
        }
    }

    /** An engine whose work threw is discarded: its native state is not trusted for the next page. */
    private void giveBack(TesseractEngine engine, boolean healthy) {
        synchronized (this) {
            if (!closed && healthy) {
                idle.offerFirst(engine);
                return;
            }
            all.remove(engine);
        }
        engine.close();
    }

    private TesseractEngine tryCreate() {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("pool closed");
            }
            if (all.size() >= size) {
                return null;
            }
            all.add(null); // reserve the slot; init runs outside the lock
        }
        TesseractEngine engine = null;
        try {
            engine = new TesseractEngine(config);
            return engine;
        } finally {
            synchronized (this) {
                all.remove(null);
                if (engine != null) {
                    all.add(engine);
                }
            }
        }
    }

    @Override
    public void close() {
        List<TesseractEngine> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            all.removeAll(toClose);
        }
        toClose.forEach(TesseractEngine::close);
    }
}
