package io.deepreader.serve;

import io.deepreader.serve.sqs.SqsEventSources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Serve mode: hosts handlers over the Lambda Invoke API until stopped.
 * <pre>
 * java -cp ocr-function.jar:lambda-invoke-server.jar io.deepreader.serve.ServeMain \
 *     --port 9000 --function ocr=io.deepreader.function.OcrHandler,timeout=900,memory=3008,concurrency=2
 * </pre>
 * Process mode (each execution environment a child JVM under the AWS Lambda runtime interface client,
 * speaking the Runtime API; the handler need not be on serve mode's class path):
 * <pre>
 * java -cp lambda-invoke-server.jar:... io.deepreader.serve.ServeMain --runtime-dir lambda-invoke-server/target/runtime \
 *     --function ocr=io.deepreader.function.OcrHandler::handleRequest,mode=process,artifact=ocr-function/target/ocr-function-1.0.0-SNAPSHOT-lambda.jar,memory=3008,idle=600 \
 *     --env ocr:EFS_ROOT=/mnt/efs --env ocr:DETECTOR=opencv
 * </pre>
 * With {@code --sqs-event-source function=ocr,queue=URL,batchSize=10,window=5,concurrency=2} it also polls a
 * queue and invokes the function with its messages, as a Lambda SQS event source mapping does.
 * Then: {@code aws lambda invoke --endpoint-url http://127.0.0.1:9000 --function-name ocr ...}
 * or {@code LambdaClient.builder().endpointOverride(URI.create("http://127.0.0.1:9000"))}.
 */
public final class ServeMain {

    private ServeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerConfig config;
        SqsEventSources.CommandLine commandLine;
        try {
            commandLine = SqsEventSources.split(args);
            config = parse(commandLine.rest(), ServeMain.class.getClassLoader());
        } catch (IllegalArgumentException e) {
            System.err.println("serve: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        LambdaInvokeServer server = LambdaInvokeServer.start(config);
        SqsEventSources mappings = SqsEventSources.start(commandLine.sources(), server.endpoint(), config.region(),
                longestTimeout(config), config.clock());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mappings.close();
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        System.out.println("serving " + config.functions().size() + " function(s) at " + server.endpoint());
        stopped.await();
    }

    static ServerConfig parse(String[] args, ClassLoader loader) {
        int port = 9000;
        String bind = "127.0.0.1";
        String region = "us-east-1";
        Path runtimeDir = Path.of("lambda-invoke-server", "target", "runtime");
        List<String> specs = new ArrayList<>();
        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("help requested");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = parseInt(flag, value);
                case "--bind" -> bind = value;
                case "--region" -> region = value;
                case "--runtime-dir" -> runtimeDir = Path.of(value);
                case "--function" -> specs.add(value);
                case "--env" -> {
                    int colon = value.indexOf(':');
                    int eq = value.indexOf('=', Math.max(colon, 0));
                    if (colon <= 0 || eq <= colon + 1) {
                        throw new IllegalArgumentException("--env needs FUNCTION:KEY=VALUE: " + value);
                    }
                    environments.computeIfAbsent(value.substring(0, colon), k -> new LinkedHashMap<>())
                            .put(value.substring(colon + 1, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        List<ServedFunction> functions = new ArrayList<>();
        for (String spec : specs) {
            functions.add(parseFunction(spec, loader, runtimeDir, environments));
        }
        for (String name : environments.keySet()) {
            if (functions.stream().noneMatch(f -> f.name().equals(name) && f.process() != null)) {
                throw new IllegalArgumentException("--env for " + name + ", which is not a process-mode function"
                        + " (in-process functions read serve mode's own environment)");
            }
        }
        try {
            return new ServerConfig(InetAddress.getByName(bind), port, region, functions, Clock.systemUTC());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve bind address " + bind, e);
        }
    }

    static ServedFunction parseFunction(String spec, ClassLoader loader) {
        return parseFunction(spec, loader, Path.of("lambda-invoke-server", "target", "runtime"), Map.of());
    }

    /**
     * {@code name=Handler[::handleRequest][,timeout=SECONDS][,memory=MB][,concurrency=N]} in process, or with
     * {@code ,mode=process,artifact=JAR[:JAR...][,idle=SECONDS][,init=SECONDS]} as child JVMs under the runtime interface
     * client ({@code init}: the INIT phase limit, Lambda's 10 s by default).
     */
    static ServedFunction parseFunction(String spec, ClassLoader loader, Path runtimeDir,
                                        Map<String, Map<String, String>> environments) {
        String[] parts = spec.split(",");
        int eq = parts[0].indexOf('=');
        if (eq <= 0 || eq == parts[0].length() - 1) {
            throw new IllegalArgumentException("--function needs name=HandlerClass: " + spec);
        }
        String name = parts[0].substring(0, eq);
        String handler = parts[0].substring(eq + 1);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] option = parts[i].split("=", 2);
            if (option.length != 2) {
                throw new IllegalArgumentException("function option needs key=value: " + parts[i]);
            }
            if (!Set.of("timeout", "memory", "concurrency", "mode", "artifact", "idle", "init").contains(option[0])) {
                throw new IllegalArgumentException("unknown function option " + option[0]);
            }
            options.put(option[0], option[1]);
        }
        String mode = options.getOrDefault("mode", "in-process");
        ServedFunction function;
        switch (mode) {
            case "in-process" -> {
                if (options.containsKey("artifact") || options.containsKey("idle") || options.containsKey("init")) {
                    throw new IllegalArgumentException("artifact=, idle= and init= need mode=process: " + spec);
                }
                function = ServedFunction.of(name, HandlerClasses.factory(handler, loader));
            }
            case "process" -> {
                String artifactList = options.get("artifact");
                if (artifactList == null || artifactList.isBlank()) {
                    throw new IllegalArgumentException("mode=process needs artifact=JAR[:JAR...]: " + spec);
                }
                List<Path> artifacts = Arrays.stream(artifactList.split(":")).map(Path::of).toList();
                ProcessDeployment deployment = ProcessDeployment.of(handler, artifacts, JvmLauncher.of(runtimeDir, artifacts))
                        .withEnvironment(environments.getOrDefault(name, Map.of()));
                if (options.containsKey("idle")) {
                    deployment = deployment.withIdleTimeout(Duration.ofSeconds(parseInt("idle", options.get("idle"))));
                }
                if (options.containsKey("init")) {
                    deployment = deployment.withInitTimeout(Duration.ofSeconds(parseInt("init", options.get("init"))));
                }
                function = ServedFunction.process(name, deployment);
            }
            default -> throw new IllegalArgumentException("mode must be in-process or process: " + mode);
        }
        if (options.containsKey("timeout")) {
            function = function.withTimeout(Duration.ofSeconds(parseInt("timeout", options.get("timeout"))));
        }
        if (options.containsKey("memory")) {
            function = function.withMemoryMb(parseInt("memory", options.get("memory")));
        }
        if (options.containsKey("concurrency")) {
            function = function.withReservedConcurrency(parseInt("concurrency", options.get("concurrency")));
        }
        return function;
    }

    private static Duration longestTimeout(ServerConfig config) {
        return config.functions().stream().map(ServedFunction::timeout).max(Duration::compareTo).orElse(ServedFunction.DEFAULT_TIMEOUT);
    }

    private static int parseInt(String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer: " + value, e);
        }
    }

    private static String usage() {
        return """
                usage: ServeMain [--port 9000] [--bind 127.0.0.1] [--region us-east-1] \\
                                 [--runtime-dir lambda-invoke-server/target/runtime] [--env NAME:KEY=VALUE ...] \\
                                 --function NAME=HANDLER_CLASS[,timeout=SECONDS][,memory=MB][,concurrency=N]
                                            [,mode=process,artifact=JAR[:JAR...][,idle=SECONDS][,init=SECONDS]] ... \\
                                 [--sqs-event-source function=NAME,queue=URL[,batchSize=10][,window=SECONDS]
                                                     [,concurrency=N][,visibility=SECONDS][,endpoint=URL]] ...""";
    }
}
