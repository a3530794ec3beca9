package io.deepreader.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API of one execution environment, on loopback (port 0), as the runtime interface
 * client 2.10.1 uses it: {@code GET /2018-06-01/runtime/invocation/next} blocks until an invocation is
 * handed over and answers with its payload and the {@code Lambda-Runtime-*} headers (request id,
 * deadline in epoch ms, invoked function ARN, trace id, client context and Cognito identity when set);
 * {@code POST .../invocation/{id}/response}, {@code .../invocation/{id}/error} (error type in
 * {@code Lambda-Runtime-Function-Error-Type}, the error JSON as body) and {@code /2018-06-01/runtime/init/error}
 * are answered 202, an unknown request id 400. One endpoint per environment, so {@code next} needs no routing.
 */
final class RuntimeApiEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeApiEndpoint.class);
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION = Pattern.compile("^/2018-06-01/runtime/invocation/([^/]+)/(response|error)$");

    /** What the server hands to the runtime. */
    record Invocation(String requestId, byte[] payload, long deadlineEpochMs, String functionArn, String traceId,
                      String clientContext, String cognitoIdentity, CompletableFuture<RuntimeReply> reply) {
    }

    /** What the runtime answered: a response, or an error with its type header and error JSON. */
    record RuntimeReply(boolean error, String errorType, byte[] body) {
    }

    private final HttpServer http;
    private final ExecutorService threads;
    private final BlockingQueue<Invocation> handOff = new LinkedBlockingQueue<>();
    private final CompletableFuture<RuntimeReply> initError = new CompletableFuture<>();
    private final Object state = new Object();
    private boolean waiting;
    private long nextCalls;
    private Invocation current;

    RuntimeApiEndpoint(String functionName) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api-" + functionName);
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(threads);
        http.createContext(PREFIX, this::handle);
        http.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + http.getAddress().getPort();
    }

    CompletableFuture<RuntimeReply> initError() {
        return initError;
    }

    /** Waits until the runtime blocks in {@code next} (ready for an invocation), the deadline passes, or {@code stop} says so. */
    boolean awaitWaiting(long deadlineNanos, java.util.function.BooleanSupplier stop) throws InterruptedException {
        synchronized (state) {
            while (!waiting) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || stop.getAsBoolean()) {
                    return false;
                }
                state.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
            }
            return true;
        }
    }

    long nextCalls() {
        synchronized (state) {
            return nextCalls;
        }
    }

    void handOver(Invocation invocation) {
        handOff.add(invocation);
    }

    /** Wakes waiters (the process ended). */
    void wake() {
        synchronized (state) {
            state.notifyAll();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals(PREFIX + "invocation/next") && method.equals("GET")) {
                next(exchange);
                return;
            }
            if (!method.equals("POST")) {
                reply(exchange, 405, error("InvalidRequest", "method not allowed"));
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (path.equals(PREFIX + "init/error")) {
                initError.complete(new RuntimeReply(true, errorType, body));
                reply(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            Matcher invocation = INVOCATION.matcher(path);
            if (!invocation.matches()) {
                reply(exchange, 404, error("InvalidRequest", "unknown Runtime API path " + path));
                return;
            }
            Invocation answered;
            synchronized (state) {
                answered = current != null && current.requestId().equals(invocation.group(1)) ? current : null;
                if (answered != null) {
                    current = null;
                }
            }
            if (answered == null) {
                reply(exchange, 400, error("InvalidRequestID", "unknown or already answered request id"));
                return;
            }
            answered.reply().complete(new RuntimeReply(invocation.group(2).equals("error"), errorType, body));
            reply(exchange, 202, "{\"status\":\"OK\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.atDebug().addKeyValue("cause", String.valueOf(e)).log("runtime API I/O error");
        }
    }

    private void next(HttpExchange exchange) throws IOException, InterruptedException {
        synchronized (state) {
            waiting = true;
            nextCalls++;
            state.notifyAll();
        }
        Invocation invocation;
        try {
            invocation = handOff.take();
        } finally {
            synchronized (state) {
                waiting = false;
            }
        }
        synchronized (state) {
            current = invocation;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        if (invocation.clientContext() != null) {
            headers.set("Lambda-Runtime-Client-Context", invocation.clientContext());
        }
        if (invocation.cognitoIdentity() != null) {
            headers.set("Lambda-Runtime-Cognito-Identity", invocation.cognitoIdentity());
        }
        exchange.sendResponseHeaders(200, invocation.payload().length == 0 ? -1 : invocation.payload().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.payload());
        }
    }

    private static String error(String type, String message) {
        return "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message + "\"}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
