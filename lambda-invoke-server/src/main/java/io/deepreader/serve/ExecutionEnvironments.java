package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The execution environments of one function, at most {@code reservedConcurrency} of them. Like
 * Lambda, an environment handles one invocation at a time, keeps its handler instance (in-process) or its
 * process (process mode) between invocations (warm starts), and is thrown away after a timeout or a fatal
 * error. In process mode an environment idle for longer than the deployment's idle timeout is recycled.
 */
final class ExecutionEnvironments {

    /** One environment: a handler or a child process, created lazily on the environment's first invocation (its cold start). */
    static final class Environment {
        private final ServedFunction function;
        private RequestStreamHandler handler;
        private ProcessEnvironment process;
        private long idleSinceNanos;

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

        ProcessEnvironment process() {
            return process;
        }

        void process(ProcessEnvironment started) {
            process = started;
        }

        /** Ends the environment's process, if it has one. */
        void discard() {
            ProcessEnvironment ending = process;
            process = null;
            if (ending != null) {
                ending.close();
            }
        }
    }

    private final ServedFunction function;
    private final Deque<Environment> idle = new ArrayDeque<>();
    private final Set<Environment> all = ConcurrentHashMap.newKeySet();
    private int live;

    ExecutionEnvironments(ServedFunction function) {
        this.function = function;
    }

    /** An idle or new environment, or empty when all {@code reservedConcurrency} environments are busy. */
    Optional<Environment> tryAcquire() {
        discard(recycleIdle());
        synchronized (this) {
            Environment environment = idle.pollFirst();
            if (environment != null) {
                return Optional.of(environment);
            }
            if (live < function.reservedConcurrency()) {
                live++;
                Environment created = new Environment(function);
                all.add(created);
                return Optional.of(created);
            }
            return Optional.empty();
        }
    }

    /** Blocks until an environment is free (asynchronous invocations wait in a queue instead of failing). */
    Environment acquire() throws InterruptedException {
        while (true) {
            Optional<Environment> environment = tryAcquire();
            if (environment.isPresent()) {
                return environment.get();
            }
            synchronized (this) {
                wait(100);
            }
        }
    }

    /** Gives an environment back; a non-reusable one must already be discarded (its process ended). */
    synchronized void release(Environment environment, boolean reusable) {
        if (reusable) {
            environment.idleSinceNanos = System.nanoTime();
            idle.addFirst(environment);
        } else {
            all.remove(environment);
            live--;
        }
        notifyAll();
    }

    /**
     * Takes the process-mode environments idle past the idle timeout, or whose process ended while idle,
     * out of the pool (their slots stay taken until {@link #discard} ended them).
     */
    synchronized List<Environment> recycleIdle() {
        if (function.process() == null) {
            return List.of();
        }
        long timeoutNanos = function.process().idleTimeout().toNanos();
        List<Environment> expired = new ArrayList<>();
        long now = System.nanoTime();
        for (Iterator<Environment> it = idle.iterator(); it.hasNext(); ) {
            Environment environment = it.next();
            boolean dead = environment.process() != null && !environment.process().alive();
            if (dead || now - environment.idleSinceNanos >= timeoutNanos) {
                it.remove();
                expired.add(environment);
            }
        }
        return expired;
    }

    void discard(List<Environment> environments) {
        for (Environment environment : environments) {
            environment.discard();
            release(environment, false);
        }
    }

    /** Ends every environment's process (server shutdown). */
    void closeAll() {
        for (Environment environment : List.copyOf(all)) {
            environment.discard();
        }
    }

    synchronized int busy() {
        return live - idle.size();
    }
}
