package io.deepreader.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one invocation of a function inside one execution environment, on a worker thread so that the
 * function timeout can be enforced the way Lambda does: the caller gets a {@code Sandbox.Timedout}
 * error, and the environment is discarded once its thread finally stops (its concurrency slot stays
 * taken until then, because the thread still uses the machine).
 */
final class FunctionRunner {
    /** Lambda's maximum synchronous response payload. */
    static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    private final ServedFunction function;
    private final ExecutionEnvironments environments;
    private final ExecutorService workers;
    private final String region;
    private final Clock clock;
    private final ObjectMapper json;
    private final ProcessInvoker processes;

    FunctionRunner(ServedFunction function, ExecutionEnvironments environments, ExecutorService workers,
                   String region, Clock clock, ObjectMapper json) {
        this.processes = function.process() == null ? null
                : new ProcessInvoker(function, environments, workers, region, clock, json);
        this.function = function;
        this.environments = environments;
        this.workers = workers;
        this.region = region;
        this.clock = clock;
        this.json = json;
    }

    ServedFunction function() {
        return function;
    }

    ExecutionEnvironments environments() {
        return environments;
    }

    /** Runs the invocation in {@code environment}, which this method always gives back or discards. */
    InvocationResult run(ExecutionEnvironments.Environment environment, String requestId, byte[] payload)
            throws InterruptedException {
        if (processes != null) {
            return processes.run(environment, requestId, payload);
        }
        InvocationLogger logger = new InvocationLogger(function.name(), requestId);
        InvocationContext context = new InvocationContext(requestId, function, region,
                logStream(requestId), clock, logger);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        AtomicBoolean coldStart = new AtomicBoolean();
        AtomicBoolean abandoned = new AtomicBoolean();
        // Whoever claims first owns the environment's release: the worker when it starts, or the caller
        // when the task never started (cancelled in the queue), so an environment can never leak.
        AtomicBoolean claimed = new AtomicBoolean();
        Future<?> task;
        try {
            task = workers.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null;
                }
                boolean reusable = false;
                // As Lambda's own runtime lines do, every line of the invocation carries its request id.
                MDC.put("requestId", requestId);
                MDC.put("function", function.name());
                try {
                    coldStart.set(environment.initialise());
                    environment.handler().handleRequest(new ByteArrayInputStream(payload), output, context);
                    reusable = true;
                    return null;
                } catch (Exception e) {
                    // Lambda keeps the environment after an exception the runtime caught.
                    reusable = environment.handler() != null;
                    throw e;
                } finally {
                    if (abandoned.get()) {
                        reusable = false;
                    }
                    environments.release(environment, reusable);
                    MDC.clear();
                }
            });
        } catch (RuntimeException rejected) {
            environments.release(environment, true);
            throw rejected;
        }
        try {
            task.get(function.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandoned.set(true);
            task.cancel(true);
            if (claimed.compareAndSet(false, true)) {
                environments.release(environment, true);
            }
            String message = String.format(Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds",
                    requestId, function.timeout().toMillis() / 1000.0);
            logger.note(message);
            return failure(LambdaError.of("Sandbox.Timedout", message), logger, coldStart.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof HandlerInitException init && init.getCause() != null
                    ? init.getCause() : e.getCause();
            return failure(LambdaError.of(cause), logger, coldStart.get());
        } catch (CancellationException e) {
            return failure(LambdaError.of("Runtime.Cancelled", "invocation cancelled"), logger, coldStart.get());
        } catch (InterruptedException e) {
            abandoned.set(true);
            task.cancel(true);
            if (claimed.compareAndSet(false, true)) {
                environments.release(environment, true);
            }
            throw e;
        }
        byte[] response = output.toByteArray();
        if (response.length > MAX_RESPONSE_BYTES) {
            return failure(LambdaError.of("Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes)."),
                    logger, coldStart.get());
        }
        return new InvocationResult(response, null, logger.tail(), coldStart.get());
    }

    private InvocationResult failure(LambdaError error, InvocationLogger logger, boolean coldStart) {
        try {
            return new InvocationResult(json.writeValueAsBytes(error), "Unhandled", logger.tail(), coldStart);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a Lambda error", e);
        }
    }

    private String logStream(String requestId) {
        return "local/[$LATEST]" + requestId.replace("-", "");
    }
}
