package io.deepreader.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Invoke operation of the Lambda API: status codes, headers and error bodies as Lambda sends them
 * (see the Invoke API reference), so the AWS SDK maps them to the same exceptions and fields.
 */
final class InvokeEndpoint implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(InvokeEndpoint.class);
    private static final Pattern INVOKE_PATH = Pattern.compile("^/2015-03-31/functions/([^/]+)/invocations/?$");

    private final Map<String, FunctionRunner> runners;
    private final ExecutorService eventQueue;
    private final ObjectMapper json;

    InvokeEndpoint(Map<String, FunctionRunner> runners, ExecutorService eventQueue, ObjectMapper json) {
        this.runners = Map.copyOf(runners);
        this.eventQueue = eventQueue;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange);
        } catch (IOException | RuntimeException e) {
            LOG.atWarn().addKeyValue("cause", String.valueOf(e)).log("invoke I/O error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respond(HttpExchange exchange) throws IOException, InterruptedException {
        Matcher path = INVOKE_PATH.matcher(exchange.getRequestURI().getRawPath());
        if (!path.matches()) {
            sendError(exchange, 404, "UnknownOperationException", "Unknown operation " + exchange.getRequestURI().getPath());
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            sendError(exchange, 405, "UnknownOperationException", "Invoke needs POST");
            return;
        }
        FunctionName name = FunctionName.parse(URLDecoder.decode(path.group(1), StandardCharsets.UTF_8),
                queryParameter(exchange, "Qualifier"));
        FunctionRunner runner = runners.get(name.name());
        if (runner == null || !name.qualifierIsLatest()) {
            sendError(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
            return;
        }
        InvocationType type;
        try {
            type = InvocationType.parse(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type"));
        } catch (IllegalArgumentException e) {
            sendError(exchange, 400, "InvalidParameterValueException", e.getMessage());
            return;
        }
        Optional<byte[]> payload = readLimited(exchange.getRequestBody(), type.maxRequestBytes());
        if (payload.isEmpty()) {
            sendError(exchange, 413, "RequestTooLargeException",
                    "Request must be smaller than " + type.maxRequestBytes() + " bytes for the InvokeFunction operation");
            return;
        }
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        switch (type) {
            case DRY_RUN -> send(exchange, 204, null, new byte[0]);
            case EVENT -> invokeAsync(exchange, runner, requestId, payload.get());
            case REQUEST_RESPONSE -> invokeSync(exchange, runner, requestId, payload.get());
        }
    }

    private void invokeSync(HttpExchange exchange, FunctionRunner runner, String requestId, byte[] payload)
            throws IOException, InterruptedException {
        Optional<ExecutionEnvironments.Environment> environment = runner.environments().tryAcquire();
        if (environment.isEmpty()) {
            accessLog(runner, requestId, "RequestResponse", 429, null, 0, false);
            exchange.getResponseHeaders().set("Retry-After", "1");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Reason", "ReservedFunctionConcurrentInvocationLimitExceeded");
            body.put("Type", "User");
            body.put("message", "Rate Exceeded.");
            sendJsonError(exchange, 429, "TooManyRequestsException", body);
            return;
        }
        long start = System.nanoTime();
        InvocationResult result = runner.run(environment.get(), requestId, payload);
        long millis = (System.nanoTime() - start) / 1_000_000;
        accessLog(runner, requestId, "RequestResponse", 200, result.functionError(), millis, result.coldStart());
        if (result.functionError() != null) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", result.functionError());
        }
        if ("Tail".equals(exchange.getRequestHeaders().getFirst("X-Amz-Log-Type"))) {
            exchange.getResponseHeaders().set("X-Amz-Log-Result", Base64.getEncoder().encodeToString(result.logTail()));
        }
        send(exchange, 200, "application/json", result.payload());
    }

    private void invokeAsync(HttpExchange exchange, FunctionRunner runner, String requestId, byte[] payload)
            throws IOException {
        try {
            eventQueue.execute(() -> {
                try {
                    ExecutionEnvironments.Environment environment = runner.environments().acquire();
                    long start = System.nanoTime();
                    InvocationResult result = runner.run(environment, requestId, payload);
                    accessLog(runner, requestId, "Event", 202, result.functionError(),
                            (System.nanoTime() - start) / 1_000_000, result.coldStart());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            sendError(exchange, 503, "ServiceException", "server is shutting down");
            return;
        }
        send(exchange, 202, null, new byte[0]);
    }

    private void accessLog(FunctionRunner runner, String requestId, String type, int status, String functionError,
                           long millis, boolean coldStart) {
        LOG.atInfo().addKeyValue("function", runner.function().name()).addKeyValue("requestId", requestId)
                .addKeyValue("invocationType", type).addKeyValue("status", status)
                .addKeyValue("functionError", functionError).addKeyValue("durationMs", millis)
                .addKeyValue("coldStart", coldStart).log("invoke");
    }

    private void sendError(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", "User");
        body.put("message", message);
        sendJsonError(exchange, status, errorType, body);
    }

    private void sendJsonError(HttpExchange exchange, int status, String errorType, Map<String, Object> body)
            throws IOException {
        // The SDK reads the error code from this header (REST-JSON protocol).
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        send(exchange, status, "application/json", json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Reads at most {@code limit} bytes; empty if the body is longer. */
    private static Optional<byte[]> readLimited(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        if (bytes.length > limit) {
            in.transferTo(OutputStream.nullOutputStream());
            return Optional.empty();
        }
        return Optional.of(bytes);
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
