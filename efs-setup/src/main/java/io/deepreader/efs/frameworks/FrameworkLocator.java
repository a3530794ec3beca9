package io.deepreader.efs.frameworks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.efs.seed.BundleManifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Points TensorFlow Java at natives that live on EFS instead of in the deployment package.
 *
 * <p>TF Java 1.1.0 loads {@code jnitensorflow}, {@code tensorflow_cc.so.2} and
 * {@code tensorflow_framework.so.2} through JavaCPP's {@code Loader} when {@code org.tensorflow} classes
 * initialise. Without the platform jar on the class path, JavaCPP finds them through the system property
 * {@code org.bytedeco.javacpp.platform.preloadpath} (read when the loader runs, so setting it at cold
 * start works; {@code java.library.path} would have to be set before the JVM starts). JavaCPP's cache
 * directory defaults to {@code ~/.javacpp}, which is read-only on Lambda, so it goes to /tmp.
 *
 * <p>Call {@link #useTensorFlow(Path)} once, at cold start, before any {@code org.tensorflow} class is
 * touched (i.e. before the model loader runs).
 */
public final class FrameworkLocator {
    public static final String ENV_TF_FRAMEWORK_DIR = "TF_FRAMEWORK_DIR";
    static final String PRELOAD_PATH = "org.bytedeco.javacpp.platform.preloadpath";
    static final String PATHS_FIRST = "org.bytedeco.javacpp.pathsFirst";
    static final String CACHE_DIR = "org.bytedeco.javacpp.cachedir";

    private FrameworkLocator() {
    }

    /** The TensorFlow natives found in a framework bundle directory. */
    public record TensorFlowNatives(Path nativeDir, String version, long bytes, int files) {
    }

    /**
     * Checks the bundle at {@code frameworkDir} (manifest present, every listed file present with its
     * size; the SHA-256 was verified when it was seeded) and sets the JavaCPP properties.
     *
     * @throws FrameworkMissingException if the bundle is absent or incomplete
     */
    public static TensorFlowNatives useTensorFlow(Path frameworkDir) {
        TensorFlowNatives natives = locate(frameworkDir);
        System.setProperty(PRELOAD_PATH, natives.nativeDir().toString());
        System.setProperty(PATHS_FIRST, "true");
        if (System.getProperty(CACHE_DIR) == null) {
            System.setProperty(CACHE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "javacpp").toString());
        }
        return natives;
    }

    /** {@link #useTensorFlow} with the directory named by TF_FRAMEWORK_DIR; empty if the variable is unset. */
    public static Optional<TensorFlowNatives> useTensorFlowFromEnv(Map<String, String> env) {
        String dir = env.get(ENV_TF_FRAMEWORK_DIR);
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(useTensorFlow(Path.of(dir)));
    }

    static TensorFlowNatives locate(Path frameworkDir) {
        Path manifestFile = frameworkDir.resolve(BundleManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new FrameworkMissingException("no TensorFlow bundle at " + frameworkDir
                    + " (missing " + BundleManifest.FILE_NAME + "); seed it first, see docs/deploy.md");
        }
        try {
            byte[] bytes = Files.readAllBytes(manifestFile);
            BundleManifest manifest = BundleManifest.parse(bytes);
            JsonNode tree = new ObjectMapper().readTree(bytes);
            Path nativeDir = frameworkDir.resolve(tree.path("nativeDir").asText(FrameworkBundle.PLATFORM)).normalize();
            if (!nativeDir.startsWith(frameworkDir.normalize())) {
                throw new FrameworkMissingException("nativeDir escapes the bundle: " + nativeDir);
            }
            for (BundleManifest.FileEntry entry : manifest.files()) {
                Path file = frameworkDir.resolve(entry.path());
                if (!Files.isRegularFile(file) || Files.size(file) != entry.size()) {
                    throw new FrameworkMissingException("TensorFlow bundle incomplete: " + file);
                }
            }
            if (!Files.isRegularFile(nativeDir.resolve("libjnitensorflow.so"))) {
                throw new FrameworkMissingException("no libjnitensorflow.so in " + nativeDir);
            }
            return new TensorFlowNatives(nativeDir, manifest.version(), manifest.totalBytes(), manifest.files().size());
        } catch (IOException e) {
            throw new FrameworkMissingException("cannot read TensorFlow bundle at " + frameworkDir + ": " + e.getMessage(), e);
        }
    }
}
