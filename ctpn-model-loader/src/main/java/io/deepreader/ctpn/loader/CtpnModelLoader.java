package io.deepreader.ctpn.loader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.ConfigProto;

/**
 * Loads the CTPN model lazily, once: the first {@link #get()} resolves {@code current}, reads and checks the
 * manifest, then loads the SavedModel while a second thread hashes every file; the model is handed out only
 * if both succeed. Later calls return the same instance without touching EFS, so a warm environment keeps
 * serving the version it loaded even after {@code current} moves on. A failed load is not cached: the next
 * call tries again (EFS may have been briefly unavailable; a corrupt model fails again, typed).
 */
public final class CtpnModelLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CtpnModelLoader.class);

    private final ModelStore store;
    private final String pinnedVersion;
    private final int intraOpThreads;
    private volatile LoadedModel model;

    /**
     * @param pinnedVersion load this version instead of following {@code current}; null to follow it
     * @param intraOpThreads TF intra-op threads; 0 or less means the available cores
     */
    public CtpnModelLoader(ModelStore store, String pinnedVersion, int intraOpThreads) {
        this.store = store;
        this.pinnedVersion = pinnedVersion;
        this.intraOpThreads = intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
    }

    public CtpnModelLoader(ModelStore store) {
        this(store, null, 0);
    }

    public LoadedModel get() {
        LoadedModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    String version = pinnedVersion != null ? pinnedVersion : store.currentVersion();
                    m = load(store.versionDir(version), version, intraOpThreads);
                    model = m;
                }
            }
        }
        return m;
    }

    /** Starts {@link #get()} on a background thread (for cold starts that overlap several stages). */
    public CompletableFuture<LoadedModel> getAsync() {
        return CompletableFuture.supplyAsync(this::get, runnable -> {
            Thread t = new Thread(runnable, "ctpn-model-load");
            t.setDaemon(true);
            t.start();
        });
    }

    public boolean isLoaded() {
        return model != null;
    }

    /** Loads and verifies one model directory (no caching; {@link #get()} caches). */
    public static LoadedModel load(Path dir, String version, int intraOpThreads) {
        long t0 = System.nanoTime();
        ModelManifest manifest = ManifestVerifier.readManifest(dir);
        ManifestVerifier.checkSizes(dir, manifest);
        ExecutorService hasher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ctpn-model-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture<Long> verify = CompletableFuture.supplyAsync(() -> {
                long v0 = System.nanoTime();
                ManifestVerifier.checkDigests(dir, manifest);
                return System.nanoTime() - v0;
            }, hasher);
            long l0 = System.nanoTime();
            SavedModelBundle bundle = null;
            RuntimeException loadFailure = null;
            try {
                ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOpThreads)
                        .setInterOpParallelismThreads(1).build();
                bundle = SavedModelBundle.loader(dir.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
                        .withConfigProto(config).load();
            } catch (RuntimeException e) {
                loadFailure = e;
            }
            long loadNanos = System.nanoTime() - l0;
            long verifyNanos;
            try {
                verifyNanos = verify.join();
            } catch (CompletionException e) {
                if (bundle != null) {
                    bundle.close();
                }
                if (e.getCause() instanceof ModelLoadException mle) {
                    throw mle;
                }
                throw new ModelLoadException("model verification failed: " + dir, e.getCause());
            }
            if (loadFailure != null) {
                throw new ModelLoadException("TensorFlow could not load the SavedModel in " + dir, loadFailure);
            }
            LoadedModel.Timings timings = new LoadedModel.Timings(Duration.ofNanos(System.nanoTime() - t0),
                    Duration.ofNanos(loadNanos), Duration.ofNanos(verifyNanos), manifest.totalBytes());
            LOG.info("{\"event\":\"ctpn_model_loaded\",\"version\":\"{}\",\"architecture\":\"{}\",\"bytes\":{},"
                    + "\"totalMs\":{},\"loadMs\":{},\"verifyMs\":{}}", version, manifest.architecture(),
                    timings.bytes(), timings.total().toMillis(), timings.load().toMillis(), timings.verify().toMillis());
            return new LoadedModel(bundle, manifest, version, dir, timings);
        } finally {
            hasher.shutdownNow();
        }
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
