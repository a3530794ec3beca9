package io.deepreader.serve;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one invocation in a process-mode execution environment the way Lambda does: a cold start launches
 * the runtime and waits for its first {@code next} (Init Duration), or for its init error or its exit; the
 * invocation is handed to the runtime's {@code next} and its response or error awaited until the function
 * timeout, which kills the environment's process tree. A runtime that exits mid-invocation is a
 * {@code Runtime.ExitError}; the next invocation then gets a fresh environment. Writes Lambda's
 * {@code START}, {@code END} and {@code REPORT} lines to the log and the invocation's tail.
 */
final class ProcessInvoker {
    /** How long a runtime may take between answering and calling {@code next} again before it is recycled. */
    private static final long READY_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ServedFunction function;
    private final ExecutionEnvironments environments;
    private final ExecutorService workers;
    private final String region;
    private final Clock clock;
    private final ObjectMapper json;

    ProcessInvoker(ServedFunction function, ExecutionEnvironments environments, ExecutorService workers,
                   String region, Clock clock, ObjectMapper json) {
        this.function = function;
        this.environments = environments;
        this.workers = workers;
        this.region = region;
        this.clock = clock;
        this.json = json;
    }

    /** Runs the invocation in {@code environment}, which this method always gives back or discards. */
    InvocationResult run(ExecutionEnvironments.Environment environment, String requestId, byte[] payload)
            throws InterruptedException {
        InvocationLogger logger = new InvocationLogger(function.name(), requestId);
        boolean cold = environment.process() == null;
        boolean handedBack = false;
        try {
            Long initNanos = null;
            // Start of the invoke phase, which the function timeout bounds; a normal INIT phase is not part of it.
            long invokeNanos;
            if (cold) {
                ProcessEnvironment process = launch(environment, logger);
                long initDeadline = process.launchedNanos() + function.process().initTimeout().toNanos();
                boolean ready = awaitReady(process, initDeadline);
                long phaseNanos = System.nanoTime() - process.launchedNanos();
                if (ready) {
                    initNanos = phaseNanos;
                    invokeNanos = System.nanoTime();
                } else if (!initTimedOut(process)) {
                    return initFailed(process, requestId, logger, phaseNanos, "init");
                } else {
                    // Lambda ends an INIT phase over its limit and runs the init again at the start of the invoke
                    // phase, bounded by the function timeout; that time is then part of Duration, and REPORT has
                    // no Init Duration.
                    logger.note(String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: timeout",
                            phaseNanos / 1e6));
                    environment.discard();
                    invokeNanos = System.nanoTime();
                    process = launch(environment, logger);
                    if (!awaitReady(process, invokeNanos + function.timeout().toNanos())) {
                        return initFailed(process, requestId, logger, System.nanoTime() - process.launchedNanos(), "invoke");
                    }
                }
            } else {
                environment.process().attach(logger);
                invokeNanos = System.nanoTime();
            }
            long deadlineNanos = invokeNanos + function.timeout().toNanos();
            ProcessEnvironment process = environment.process();
            logger.note("START RequestId: " + requestId + " Version: $LATEST");
            RuntimeApiEndpoint.Invocation invocation = new RuntimeApiEndpoint.Invocation(requestId, payload,
                    clock.millis() + TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()),
                    "arn:aws:lambda:" + region + ":" + InvocationContext.LOCAL_ACCOUNT + ":function:" + function.name(),
                    traceId(), null, null, new CompletableFuture<>());
            process.runtime().handOver(invocation);
            RuntimeApiEndpoint.RuntimeReply reply = null;
            boolean timedOut = false;
            try {
                CompletableFuture.anyOf(invocation.reply(), process.exit())
                        .get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                timedOut = true;
            } catch (ExecutionException e) {
                // Neither future completes exceptionally; treat as the runtime's exit below.
            }
            if (invocation.reply().isDone()) {
                reply = invocation.reply().join();
                timedOut = false;
            }
            long durationNanos = System.nanoTime() - invokeNanos;
            long memoryKib = process.maxMemoryUsedKib();
            InvocationResult result;
            String status = null;
            if (reply != null) {
                result = reply.error()
                        ? new InvocationResult(reply.body(), "Unhandled", null, cold)
                        : success(reply.body(), logger, cold);
                if (reply.error() || result.functionError() != null) {
                    status = "error";
                }
            } else if (timedOut) {
                String message = String.format(Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds",
                        requestId, function.timeout().toMillis() / 1000.0);
                logger.note(message);
                result = failure(LambdaError.of("Sandbox.Timedout", message), logger, cold);
                status = "timeout";
            } else {
                String message = "RequestId: " + requestId + " Error: Runtime exited with error: " + process.exitDescription();
                logger.note(message);
                result = failure(LambdaError.of("Runtime.ExitError", message), logger, cold);
                status = "error\tError Type: Runtime.ExitError";
            }
            process.awaitLogsDrained(200);
            logger.note("END RequestId: " + requestId);
            logger.note(report(requestId, durationNanos, memoryKib, initNanos, status));
            if (reply != null && process.alive()) {
                handedBack = true;
                releaseWhenReady(environment, process);
            }
            return new InvocationResult(result.payload(), result.functionError(), logger.tail(), cold);
        } catch (LaunchFailed e) {
            logger.note("RequestId: " + requestId + " Error: " + e.getMessage());
            return failure(LambdaError.of("Runtime.LaunchError", e.getMessage()), logger, true);
        } finally {
            if (!handedBack) {
                environment.discard();
                environments.release(environment, false);
            }
        }
    }

    /** The environment's process could not be started at all. */
    private static final class LaunchFailed extends Exception {
        LaunchFailed(Exception cause) {
            super("cannot launch the runtime: " + cause.getMessage(), cause);
        }
    }

    private ProcessEnvironment launch(ExecutionEnvironments.Environment environment, InvocationLogger logger)
            throws LaunchFailed {
        try {
            ProcessEnvironment started = ProcessEnvironment.start(function, region, logger);
            environment.process(started);
            return started;
        } catch (IOException | RuntimeException e) {
            throw new LaunchFailed(e);
        }
    }

    /** Waits for the runtime's first {@code next}; false at the deadline, on an init error or when it exits. */
    private static boolean awaitReady(ProcessEnvironment process, long deadlineNanos) throws InterruptedException {
        return process.runtime().awaitWaiting(deadlineNanos, () -> !process.alive() || process.runtime().initError().isDone());
    }

    /** Not ready, still running and no init error: the INIT phase ran out of time. */
    private static boolean initTimedOut(ProcessEnvironment process) {
        return process.alive() && !process.runtime().initError().isDone();
    }

    private InvocationResult initFailed(ProcessEnvironment process, String requestId, InvocationLogger logger,
                                        long initNanos, String phase) {
        InvocationResult result;
        String status;
        if (process.runtime().initError().isDone()) {
            RuntimeApiEndpoint.RuntimeReply initError = process.runtime().initError().join();
            status = "error\tError Type: " + (initError.errorType() == null ? "Runtime.Unknown" : initError.errorType());
            result = new InvocationResult(initError.body(), "Unhandled", null, true);
        } else if (!process.alive()) {
            status = "error\tError Type: Runtime.ExitError";
            String message = "RequestId: " + requestId + " Error: Runtime exited with error: " + process.exitDescription();
            logger.note(message);
            result = failure(LambdaError.of("Runtime.ExitError", message), logger, true);
        } else {
            status = "timeout";
            String message = String.format(Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds",
                    requestId, function.timeout().toMillis() / 1000.0);
            logger.note(message);
            result = failure(LambdaError.of("Sandbox.Timedout", message), logger, true);
        }
        logger.note(String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: %s\tStatus: %s",
                initNanos / 1e6, phase, status));
        return new InvocationResult(result.payload(), result.functionError(), logger.tail(), true);
    }

    /** The environment is free again once its runtime calls {@code next}; one that does not is recycled. */
    private void releaseWhenReady(ExecutionEnvironments.Environment environment, ProcessEnvironment process) {
        environments.finishing();
        workers.execute(() -> {
            boolean ready;
            try {
                ready = process.runtime().awaitWaiting(System.nanoTime() + READY_AGAIN_NANOS, () -> !process.alive())
                        && process.alive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ready = false;
            }
            if (!ready) {
                environment.discard();
            }
            environments.release(environment, ready, true);
        });
    }

    /**
     * Lambda's REPORT line: durations to 0.01 ms, memory in MB (Max Memory Used: the process tree's VmHWM), Init
     * Duration only on a cold start. Billed Duration is Duration plus Init Duration rounded up to the millisecond:
     * Lambda bills the INIT phase of every on-demand function since August 2025 (before, only that of images and
     * custom runtimes).
     */
    String report(String requestId, long durationNanos, long memoryKib, Long initNanos, String status) {
        long billedNanos = durationNanos + (initNanos == null ? 0 : initNanos);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB",
                requestId, durationNanos / 1e6, Math.max(1, (billedNanos + 999_999) / 1_000_000), function.memoryMb(),
                (memoryKib + 1023) / 1024));
        if (initNanos != null) {
            line.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", initNanos / 1e6));
        }
        if (status != null) {
            line.append("\tStatus: ").append(status);
        }
        return line.toString();
    }

    private InvocationResult success(byte[] body, InvocationLogger logger, boolean cold) {
        if (body.length > FunctionRunner.MAX_RESPONSE_BYTES) {
            return failure(LambdaError.of("Function.ResponseSizeTooLarge",
                    "Response payload size exceeded maximum allowed payload size (" + FunctionRunner.MAX_RESPONSE_BYTES
                            + " bytes)."), logger, cold);
        }
        return new InvocationResult(body, null, null, cold);
    }

    private InvocationResult failure(LambdaError error, InvocationLogger logger, boolean cold) {
        try {
            return new InvocationResult(json.writeValueAsBytes(error), "Unhandled", logger.tail(), cold);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a Lambda error", e);
        }
    }

    /** An X-Ray trace header as Lambda sends it: Root=1-{epoch hex}-{24 hex};Parent=...;Sampled=0. */
    private String traceId() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return "Root=1-" + Long.toHexString(clock.millis() / 1000) + "-" + hex.substring(0, 24)
                + ";Parent=" + hex.substring(16, 32) + ";Sampled=0";
    }
}
