package io.deepreader.client;

import io.deepreader.serve.JvmLauncher;
import io.deepreader.serve.ProcessDeployment;
import io.deepreader.serve.ServedFunction;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCR function as the lambda legs of these tests call it: serve mode's process mode, the shaded
 * deployment jar ({@code target/process-mode/functions}, copied by this module's build) in a child JVM per
 * execution environment under the real runtime interface client ({@code target/process-mode/runtime}).
 */
final class ProcessModeOcr {
    static final String HANDLER = "io.deepreader.function.OcrHandler::handleRequest";
    private static final Path DIR = Path.of("target/process-mode").toAbsolutePath();

    private ProcessModeOcr() {
    }

    /**
     * @param withTensorFlowNatives CTPN: Lambda reads TensorFlow's natives from EFS (TF_FRAMEWORK_DIR), never
     *                              from the zip; here the test class path's tensorflow-core-native jar goes
     *                              into the task root's lib/ beside the function jar instead
     */
    static ServedFunction function(String name, Map<String, String> env, boolean withTensorFlowNatives) {
        List<Path> artifacts = new ArrayList<>(List.of(existing(DIR.resolve("functions/ocr-function-lambda.jar"))));
        if (withTensorFlowNatives) {
            artifacts.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(Path::of).filter(p -> p.getFileName().toString().matches("tensorflow-core-native-.*-linux-x86_64\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no tensorflow-core-native linux-x86_64 jar on the test class path")));
        }
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("OMP_THREAD_LIMIT", "1");
        environment.putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
        JvmLauncher launcher = JvmLauncher.of(existing(DIR.resolve("runtime")), List.of());
        return ServedFunction.process(name, ProcessDeployment.of(HANDLER, artifacts, launcher).withEnvironment(environment));
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " is missing: copied by this module's build (maven-dependency-plugin)");
        }
        return path;
    }
}
