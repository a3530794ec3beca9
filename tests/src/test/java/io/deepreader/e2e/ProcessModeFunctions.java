package io.deepreader.e2e;

import io.deepreader.serve.JvmLauncher;
import io.deepreader.serve.ProcessDeployment;
import io.deepreader.serve.ServedFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions as serve mode's process mode runs them: their deployment jars (the shaded {@code -lambda}
 * artifacts, copied into {@code target/process-mode/functions} by this module's build) in a child JVM per
 * execution environment, under the real AWS Lambda runtime interface client ({@code target/process-mode/runtime}).
 */
public final class ProcessModeFunctions {
    public static final String OCR_HANDLER = "io.deepreader.function.OcrHandler::handleRequest";
    public static final String EXTRACTOR_HANDLER = "io.deepreader.extract.ExtractorHandler::handleRequest";
    private static final Path DIR = Path.of(System.getProperty("process.mode.dir", "target/process-mode"));

    private ProcessModeFunctions() {
    }

    public static Path runtimeDir() {
        return existing(DIR.resolve("runtime"));
    }

    public static Path ocrJar() {
        return existing(DIR.resolve("functions/ocr-function-lambda.jar"));
    }

    public static Path extractorJar() {
        return existing(DIR.resolve("functions/extractors-lambda.jar"));
    }

    /** The OCR function in process mode with {@code env} as its configured environment variables. */
    public static ServedFunction ocr(String name, Map<String, String> env) {
        return function(name, OCR_HANDLER, ocrJar(), env);
    }

    public static ServedFunction extractor(String name, Map<String, String> env) {
        return function(name, EXTRACTOR_HANDLER, extractorJar(), env);
    }

    private static ServedFunction function(String name, String handler, Path jar, Map<String, String> env) {
        Map<String, String> environment = new HashMap<>(env);
        // As serverless.yml and the Makefile set them: Debian's libtesseract needs OpenMP off (3-5x slower
        // otherwise); TensorFlow's INFO lines off.
        environment.putIfAbsent("OMP_THREAD_LIMIT", "1");
        environment.putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
        // The deployment jar goes under the task root's lib/ (as /var/task/lib on Lambda); the launcher's
        // own class path is only the runtime interface client.
        return ServedFunction.process(name, ProcessDeployment.of(handler, List.of(jar),
                JvmLauncher.of(runtimeDir(), List.of())).withEnvironment(environment));
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: it is copied by this module's "
                    + "build (maven-dependency-plugin, generate-test-resources) from the installed -lambda jars");
        }
        return path.toAbsolutePath();
    }
}
