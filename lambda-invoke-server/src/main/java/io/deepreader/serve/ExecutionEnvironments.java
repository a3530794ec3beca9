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
import java.util.concurrent.TimeUnit;

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
    private int finishing;
    private static final long FINISHING_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    ExecutionEnvironments(ServedFunction function) {
        this.function = function;
    }

    /**
     * An idle or new environment, or empty when all {@code reservedConcurrency} environments are busy. An
     * environment that has answered but whose runtime has not yet asked for the next invocation (process mode,
     * a few ms) is waited for, up to {@link #FINISHING_WAIT_NANOS}, so back-to-back calls are not refused.
     */
    Optional<Environment> tryAcquire() throws InterruptedException {
        discard(recycleIdle());
        long until = System.nanoTime() + FINISHING_WAIT_NANOS;
        synchronized (this) {
            while (true) {
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
                long left = until - System.nanoTime();
                if (finishing == 0 || left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** The environment answered; it is released once its runtime is ready again. */
    synchronized void finishing() {
        finishing++;
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
        release(environment, reusable, false);
    }

    /** {@code wasFinishing}: the environment had been marked {@link #finishing()}. */
    synchronized void release(Environment environment, boolean reusable, boolean wasFinishing) {
        if (wasFinishing) {
            finishing--;
        }
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
                // Its slot frees when its process has ended; a caller meanwhile waits instead of a 429.
                finishing++;
            }
        }
        return expired;
    }

    void discard(List<Environment> environments) {
        for (Environment environment : environments) {
            environment.discard();
            release(environment, false, true);
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
