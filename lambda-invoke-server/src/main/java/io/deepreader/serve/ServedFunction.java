package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One function hosted by the {@link LambdaInvokeServer}, configured like its Lambda counterpart.
 *
 * @param name                the function name clients put in the Invoke URL
 * @param handlerFactory      creates one handler per execution environment (Lambda never calls one
 *                            instance concurrently, and neither do we)
 * @param timeout             the function timeout; drives {@code Context.getRemainingTimeInMillis()}
 * @param memoryMb            reported by {@code Context.getMemoryLimitInMB()}
 * @param reservedConcurrency how many invocations may run at once; one more is refused with 429
 * @param process             null: in-process (the handler runs in this JVM, fast unit tests); else process
 *                            mode, each execution environment a child process under the Runtime API
 */
public record ServedFunction(String name, Supplier<RequestStreamHandler> handlerFactory, Duration timeout,
                             int memoryMb, int reservedConcurrency, ProcessDeployment process) {

    // Lambda's own rule for function names (without the ARN forms).
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(900);
    public static final int DEFAULT_MEMORY_MB = 3008;

    public ServedFunction {
        if ((handlerFactory == null) == (process == null)) {
            throw new IllegalArgumentException("a function needs either a handler factory or a process deployment");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid function name: '" + name + "'");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(900)) > 0) {
            throw new IllegalArgumentException("timeout must be in (0, 900 s] like Lambda's: " + timeout);
        }
        if (memoryMb < 128 || memoryMb > 10240) {
            throw new IllegalArgumentException("memory must be 128..10240 MB like Lambda's: " + memoryMb);
        }
        if (reservedConcurrency < 1) {
            throw new IllegalArgumentException("reserved concurrency must be at least 1: " + reservedConcurrency);
        }
    }

    public ServedFunction(String name, Supplier<RequestStreamHandler> handlerFactory, Duration timeout,
                          int memoryMb, int reservedConcurrency) {
        this(name, handlerFactory, timeout, memoryMb, reservedConcurrency, null);
    }

    public static ServedFunction of(String name, Supplier<RequestStreamHandler> handlerFactory) {
        return new ServedFunction(name, handlerFactory, DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB, 1, null);
    }

    /** A function whose execution environments are child processes speaking the Runtime API. */
    public static ServedFunction process(String name, ProcessDeployment deployment) {
        return new ServedFunction(name, null, DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB, 1, deployment);
    }

    public ServedFunction withTimeout(Duration newTimeout) {
        return new ServedFunction(name, handlerFactory, newTimeout, memoryMb, reservedConcurrency, process);
    }

    public ServedFunction withMemoryMb(int newMemoryMb) {
        return new ServedFunction(name, handlerFactory, timeout, newMemoryMb, reservedConcurrency, process);
    }

    public ServedFunction withReservedConcurrency(int concurrency) {
        return new ServedFunction(name, handlerFactory, timeout, memoryMb, concurrency, process);
    }
}
