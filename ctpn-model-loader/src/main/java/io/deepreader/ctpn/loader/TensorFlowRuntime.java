package io.deepreader.ctpn.loader;

import java.time.Duration;
import org.tensorflow.TensorFlow;

/**
 * Forces the TF native library (~650 MB unpacked) to load now, so a cold start can overlap it with reading
 * the model and starting Tesseract instead of paying for it inside the first SavedModel load.
 */
public final class TensorFlowRuntime {
    private TensorFlowRuntime() {
    }

    /** Loads the native library if not yet loaded; returns the time it took and the TF version. */
    public static Loaded preload() {
        long t0 = System.nanoTime();
        String version = TensorFlow.version();
        return new Loaded(version, Duration.ofNanos(System.nanoTime() - t0));
    }

    public record Loaded(String version, Duration time) {
    }
}
