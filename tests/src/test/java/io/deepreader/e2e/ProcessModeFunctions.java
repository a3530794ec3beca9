package io.deepreader.e2e;

import io.deepreader.serve.JvmLauncher;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ProcessDeployment;
import io.deepreader.serve.ServedFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The functions as serve mode's process mode runs them: their deployment jars (the shaded {@code -lambda}
 * artifacts, copied into {@code target/process-mode/functions} by this module's build) in a child JVM per
 * execution environment, under the real AWS Lambda runtime interface client ({@code target/process-mode/runtime}).
 */
public final class ProcessModeFunctions {
    public static final String OCR_HANDLER = "io.deepreader.function.OcrHandler::handleRequest";
    public static final String EXTRACTOR_HANDLER = "io.deepreader.extract.ExtractorHandler::handleRequest";
    private static final Path DIR = Path.of(System.getProperty("process.mode.dir", "target/process-mode"));

    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: (\\S+)\\tDuration: ([0-9.]+) ms\\tBilled Duration: (\\d+) ms\\tMemory Size: (\\d+) MB"
                    + "\\tMax Memory Used: (\\d+) MB(?:\\tInit Duration: ([0-9.]+) ms)?");

    private ProcessModeFunctions() {
    }

    /**
     * One invocation's {@code REPORT} line, as serve mode writes it in Lambda's format.
     *
     * @param initMillis negative on a warm start (no Init Duration)
     */
    public record Report(String requestId, double durationMillis, long billedMillis, int memoryMb,
                         long maxMemoryUsedMb, double initMillis) {
        public boolean coldStart() {
            return initMillis >= 0;
        }
    }

    /** The REPORT line in a {@code LogType=Tail} log result (base64 of the last 4 KB), if there is one. */
    public static Optional<Report> report(String logResultBase64) {
        if (logResultBase64 == null) {
            return Optional.empty();
        }
        String tail = new String(java.util.Base64.getDecoder().decode(logResultBase64), java.nio.charset.StandardCharsets.UTF_8);
        Matcher m = REPORT.matcher(tail);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Report(m.group(1), Double.parseDouble(m.group(2)), Long.parseLong(m.group(3)),
                Integer.parseInt(m.group(4)), Long.parseLong(m.group(5)),
                m.group(6) == null ? -1 : Double.parseDouble(m.group(6))));
    }

    /** A LambdaClient for serve mode on loopback: no retries (a test sees every answer), 5 min socket timeout. */
    public static LambdaClient client(LambdaInvokeServer server) {
        return LambdaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
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
        // JvmLauncher.of also hands the child one extracted copy of the RIC's JNI library (RIC 2.10.1 would
        // rewrite the fixed /tmp/.libaws-lambda-jni.so at every start: SIGBUS when children start together).
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
