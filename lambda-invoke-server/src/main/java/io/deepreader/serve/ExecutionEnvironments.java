package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The execution environments of one function, at most {@code reservedConcurrency} of them. Like
 * Lambda, an environment handles one invocation at a time, keeps its handler instance between
 * invocations (warm starts), and is thrown away after a timeout or a fatal error.
 */
final class ExecutionEnvironments {

    /** One environment: a handler created lazily on the environment's first invocation (its cold start). */
    static final class Environment {
        private final ServedFunction function;
        private RequestStreamHandler handler;

        private Environment(ServedFunction function) {
            this.function = function;
        }

        /** @return true if this call created the handler (a cold start) */
        boolean initialise() {
            if (handler != null) {
                return false;
            }
            handler = function.handlerFactory().get();
            return true;
        }

        RequestStreamHandler handler() {
            return handler;
        }
    }

    private final ServedFunction function;
    private final Deque<Environment> idle = new ArrayDeque<>();
    private int live;

    ExecutionEnvironments(ServedFunction function) {
        this.function = function;
    }

    /** An idle or new environment, or empty when all {@code reservedConcurrency} environments are busy. */
    synchronized Optional<Environment> tryAcquire() {
        Environment environment = idle.pollFirst();
        if (environment != null) {
            return Optional.of(environment);
        }
        if (live < function.reservedConcurrency()) {
            live++;
            return Optional.of(new Environment(function));
        }
        return Optional.empty();
    }

    /** Blocks until an environment is free (asynchronous invocations wait in a queue instead of failing). */
    synchronized Environment acquire() throws InterruptedException {
        while (true) {
            Optional<Environment> environment = tryAcquire();
            if (environment.isPresent()) {
                return environment.get();
            }
            wait();
        }
    }

    synchronized void release(Environment environment, boolean reusable) {
        if (reusable) {
            idle.addFirst(environment);
        } else {
            live--;
        }
        notifyAll();
    }

    synchronized int busy() {
        return live - idle.size();
    }
}
