package io.deepreader.reliability;

import io.deepreader.function.FunctionEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cold start in its own JVM (a broken model may take native code down with it): builds the environment
 * with the given TESSDATA_PREFIX and records the outcome. Args: efsRoot tessdataPrefix resultFile.
 * Exit 0: environment ready; 3: refused with an exception (its class and message in the result file).
 */
public final class ModelFaultMain {
    private ModelFaultMain() {
    }

    public static void main(String[] args) throws Exception {
        Path result = Path.of(args[2]);
        try (FunctionEnvironment env = Invocations.environment(Path.of(args[0]), Map.of("TESSDATA_PREFIX", args[1]))) {
            Files.writeString(result, "ready");
            System.exit(0);
        } catch (RuntimeException | Error e) {
            Files.writeString(result, e.getClass().getName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
