package io.deepreader.serve;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One execution environment in process mode: its Runtime API endpoint, its task root (the deployment
 * package: the function's jars under {@code lib/}), and the child process a {@link EnvironmentLauncher}
 * started with the environment Lambda sets. The child's stdout and stderr are its log: every line goes
 * to the server's log and to the tail of the invocation running at the time.
 */
final class ProcessEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessEnvironment.class);

    /** Set by Lambda itself; a function's configuration cannot override them (Lambda's reserved keys). */
    private static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private final String functionName;
    private final RuntimeApiEndpoint runtime;
    /** The environment's directory: its task root and its /tmp, removed when it ends. */
    private final Path root;
    private final Process process;
    private final long launchedNanos;
    private volatile InvocationLogger current;
    private volatile long maxMemoryKib;
    private static final long QUIET_MILLIS = 10;
    private volatile long lastLineNanos;
    /** Lines read from the child but not yet forwarded. */
    private final java.util.concurrent.atomic.AtomicInteger pumping = new java.util.concurrent.atomic.AtomicInteger();

    private ProcessEnvironment(String functionName, RuntimeApiEndpoint runtime, Path root, Process process,
                               long launchedNanos, InvocationLogger first) {
        this.functionName = functionName;
        this.runtime = runtime;
        this.root = root;
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.current = first;
    }

    static boolean isReserved(String name) {
        return RESERVED.contains(name);
    }

    /** Creates the task root and the Runtime API, then launches the runtime; init runs from here on. */
    static ProcessEnvironment start(ServedFunction function, String region, InvocationLogger first) throws IOException {
        ProcessDeployment deployment = function.process();
        RuntimeApiEndpoint runtime = new RuntimeApiEndpoint(function.name());
        Path root = null;
        try {
            // One directory per environment: its task root and its own /tmp (Lambda gives every environment
            // its own /tmp, so caches written there at init are per environment, not per host).
            root = Files.createTempDirectory("lambda-env-" + function.name() + "-");
            Path taskRoot = Files.createDirectory(root.resolve("task"));
            Path tmp = Files.createDirectory(root.resolve("tmp"));
            Path lib = Files.createDirectory(taskRoot.resolve("lib"));
            for (Path artifact : deployment.artifacts()) {
                // As /var/task/lib on Lambda: the RIC's class loader picks up the package's jars from here.
                if (Files.isRegularFile(artifact) && artifact.getFileName().toString().endsWith(".jar")) {
                    Files.createSymbolicLink(lib.resolve(artifact.getFileName()), artifact.toAbsolutePath());
                }
            }
            Map<String, String> environment = environment(function, region, runtime.address(), taskRoot, tmp);
            long launched = System.nanoTime();
            Process process = deployment.launcher().launch(environment, runtime.address());
            ProcessEnvironment started = new ProcessEnvironment(function.name(), runtime, root, process, launched, first);
            started.pump(process.getInputStream(), "stdout");
            started.pump(process.getErrorStream(), "stderr");
            process.onExit().thenRun(runtime::wake);
            LOG.atInfo().addKeyValue("function", function.name()).addKeyValue("pid", process.pid())
                    .addKeyValue("runtimeApi", runtime.address()).log("execution environment launched");
            return started;
        } catch (IOException | RuntimeException e) {
            runtime.close();
            if (root != null) {
                deleteTree(root);
            }
            throw e;
        }
    }

    /**
     * What Lambda's {@code java21} runtime puts in the runtime's environment, then the function's own variables.
     * {@code TMPDIR} names the environment's own temporary directory, which a launcher on the host maps to the
     * child's {@code /tmp} (see {@link JvmLauncher}); a container launcher has its own {@code /tmp}.
     */
    static Map<String, String> environment(ServedFunction function, String region, String runtimeApi, Path taskRoot,
                                           Path tmp) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("_HANDLER", function.process().handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", taskRoot.toString());
        env.put("TMPDIR", tmp.toString());
        env.putAll(function.process().environment());
        return env;
    }

    RuntimeApiEndpoint runtime() {
        return runtime;
    }

    long pid() {
        return process.pid();
    }

    long launchedNanos() {
        return launchedNanos;
    }

    boolean alive() {
        return process.isAlive();
    }

    CompletableFuture<Process> exit() {
        return process.onExit();
    }

    /**
     * Waits (at most {@code maxMillis}) until the child's log has been quiet for {@value #QUIET_MILLIS} ms with no line
     * half-forwarded, so that the invocation's own lines precede its END/REPORT lines and are in its tail. (Polling
     * {@code available()} instead would block: the pump thread holds the stream's lock while it reads.)
     */
    void awaitLogsDrained(long maxMillis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long quiet = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        try {
            while (System.nanoTime() < until) {
                if (pumping.get() == 0 && System.nanoTime() - lastLineNanos >= quiet) {
                    return;
                }
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Routes the child's log lines to {@code logger}'s tail from now on. */
    void attach(InvocationLogger logger) {
        current = logger;
    }

    /** Lambda's wording of a runtime that ended: "exit status N", or the signal that killed it. */
    String exitDescription() {
        int status = process.exitValue();
        if (status > 128) {
            return switch (status - 128) {
                case 9 -> "signal: killed";
                case 6 -> "signal: aborted";
                case 11 -> "signal: segmentation fault";
                case 15 -> "signal: terminated";
                default -> "signal: " + (status - 128);
            };
        }
        return "exit status " + status;
    }

    /** Max Memory Used: the peak resident set (VmHWM) of the environment's process tree, in KiB. */
    long maxMemoryUsedKib() {
        if (process.isAlive()) {
            long sum = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                    .mapToLong(handle -> vmHwmKib(handle.pid())).sum();
            maxMemoryKib = Math.max(maxMemoryKib, sum);
        }
        return maxMemoryKib;
    }

    static long vmHwmKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // The process ended between listing and reading: it uses no memory any more.
        }
        return 0;
    }

    private void pump(InputStream stream, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    pumping.incrementAndGet();
                    lastLineNanos = System.nanoTime();
                    try {
                        InvocationLogger logger = current;
                        if (logger != null) {
                            logger.log(line);
                        } else {
                            LOG.atInfo().addKeyValue("function", functionName).addKeyValue("stream", name).log(line);
                        }
                    } finally {
                        pumping.decrementAndGet();
                    }
                }
            } catch (IOException e) {
                // The child's pipe closed with the child.
            }
        }, "lambda-log-" + functionName + "-" + process.pid() + "-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the environment: kills the process tree, waits for it, removes the task root. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
            for (ProcessHandle child : tree) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.atWarn().addKeyValue("function", functionName).addKeyValue("pid", process.pid())
                    .log("execution environment did not end within 10 s of SIGKILL");
        }
        runtime.close();
        deleteTree(root);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.atWarn().addKeyValue("path", path.toString()).log("cannot delete task root entry");
                }
            });
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("path", root.toString()).log("cannot delete task root");
        }
    }
}
