package io.deepreader.serve;

import io.deepreader.serve.sqs.SqsEventSources;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Serve mode: hosts handlers over the Lambda Invoke API until stopped.
 * <pre>
 * java -cp ocr-function.jar:lambda-invoke-server.jar io.deepreader.serve.ServeMain \
 *     --port 9000 --function ocr=io.deepreader.function.OcrHandler,timeout=900,memory=3008,concurrency=2
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
        List<ServedFunction> functions = new ArrayList<>();
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
                case "--function" -> functions.add(parseFunction(value, loader));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        try {
            return new ServerConfig(InetAddress.getByName(bind), port, region, functions, Clock.systemUTC());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve bind address " + bind, e);
        }
    }

    /** {@code name=HandlerClass[::handleRequest][,timeout=SECONDS][,memory=MB][,concurrency=N]}. */
    static ServedFunction parseFunction(String spec, ClassLoader loader) {
        String[] parts = spec.split(",");
        int eq = parts[0].indexOf('=');
        if (eq <= 0 || eq == parts[0].length() - 1) {
            throw new IllegalArgumentException("--function needs name=HandlerClass: " + spec);
        }
        ServedFunction function = ServedFunction.of(parts[0].substring(0, eq),
                HandlerClasses.factory(parts[0].substring(eq + 1), loader));
        for (int i = 1; i < parts.length; i++) {
            String[] option = parts[i].split("=", 2);
            if (option.length != 2) {
                throw new IllegalArgumentException("function option needs key=value: " + parts[i]);
            }
            function = switch (option[0]) {
                case "timeout" -> function.withTimeout(Duration.ofSeconds(parseInt(option[0], option[1])));
                case "memory" -> function.withMemoryMb(parseInt(option[0], option[1]));
                case "concurrency" -> function.withReservedConcurrency(parseInt(option[0], option[1]));
                default -> throw new IllegalArgumentException("unknown function option " + option[0]);
            };
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
                                 --function NAME=HANDLER_CLASS[,timeout=SECONDS][,memory=MB][,concurrency=N] ... \\
                                 [--sqs-event-source function=NAME,queue=URL[,batchSize=10][,window=SECONDS]
                                                     [,concurrency=N][,visibility=SECONDS][,endpoint=URL]] ...""";
    }
}
