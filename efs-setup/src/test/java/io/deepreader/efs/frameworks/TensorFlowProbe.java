package io.deepreader.efs.frameworks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM without TensorFlow's native jar on the class path: locates the natives on the
 * (local) EFS root the way the function does at cold start, loads TensorFlow, and prints its version
 * and where each TensorFlow library was mapped from.
 */
public final class TensorFlowProbe {
    private TensorFlowProbe() {
    }

    public static void main(String[] args) throws Exception {
        FrameworkLocator.TensorFlowNatives natives = FrameworkLocator.useTensorFlow(Path.of(args[0]));
        long start = System.nanoTime();
        String version = org.tensorflow.TensorFlow.version();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("version=" + version);
        System.out.println("loadMs=" + millis);
        System.out.println("nativeDir=" + natives.nativeDir());
        Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(path -> path.contains("tensorflow"))
                .distinct()
                .forEach(path -> System.out.println("mapped=" + path));
    }
}
