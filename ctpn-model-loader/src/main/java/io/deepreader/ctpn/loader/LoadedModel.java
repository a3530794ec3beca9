package io.deepreader.ctpn.loader;

import java.nio.file.Path;
import java.time.Duration;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;

/**
 * A verified CTPN SavedModel held open for the life of an execution environment. {@link Session#run} is
 * thread-safe, so one instance serves every worker thread.
 */
public final class LoadedModel implements AutoCloseable {
    private final SavedModelBundle bundle;
    private final ModelManifest manifest;
    private final String version;
    private final Path directory;
    private final Timings timings;

    /** Wall time of each loading stage; {@code verify} ran concurrently with {@code load}. */
    public record Timings(Duration total, Duration load, Duration verify, long bytes) {
    }

    LoadedModel(SavedModelBundle bundle, ModelManifest manifest, String version, Path directory, Timings timings) {
        this.bundle = bundle;
        this.version = version;
        this.manifest = manifest;
        this.directory = directory;
        this.timings = timings;
    }

    public Session session() {
        return bundle.session();
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The installed version (directory name under models/ctpn). */
    public String version() {
        return version;
    }

    public Path directory() {
        return directory;
    }

    public Timings timings() {
        return timings;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
