package io.deepreader.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@link com.amazonaws.services.lambda.runtime.RequestStreamHandler}s over the AWS Lambda Invoke
 * HTTP API ({@code POST /2015-03-31/functions/{name}/invocations}), so that the AWS SDK's
 * {@code LambdaClient} with an endpoint override calls them exactly as it would call Lambda. This is
 * how the functions run in tests, on an EC2 instance or on-premises for the benchmark.
 */
public final class LambdaInvokeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaInvokeServer.class);

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final ExecutorService workers;
    private final ExecutorService eventQueue;
    private final ScheduledExecutorService recycler;
    private final List<ExecutionEnvironments> environments;

    private LambdaInvokeServer(HttpServer http, ExecutorService httpThreads, ExecutorService workers,
                               ExecutorService eventQueue, ScheduledExecutorService recycler,
                               List<ExecutionEnvironments> environments) {
        this.recycler = recycler;
        this.environments = environments;
        this.http = http;
        this.httpThreads = httpThreads;
        this.workers = workers;
        this.eventQueue = eventQueue;
    }

    public static LambdaInvokeServer start(ServerConfig config) {
        ObjectMapper json = new ObjectMapper();
        // Over-capacity requests are answered 429 at once, so HTTP threads only wait on admitted work.
        ExecutorService httpThreads = Executors.newCachedThreadPool(daemonThreads("invoke-http"));
        ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("lambda-worker"));
        ExecutorService eventQueue = Executors.newCachedThreadPool(daemonThreads("lambda-event"));
        Map<String, FunctionRunner> runners = new LinkedHashMap<>();
        for (ServedFunction function : config.functions()) {
            runners.put(function.name(), new FunctionRunner(function, new ExecutionEnvironments(function),
                    workers, config.region(), config.clock(), json));
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bind() + ":" + config.port(), e);
        }
        http.createContext("/", new InvokeEndpoint(runners, eventQueue, json));
        http.setExecutor(httpThreads);
        http.start();
        List<ExecutionEnvironments> pools = runners.values().stream().map(FunctionRunner::environments).toList();
        // Process mode: environments idle past their idle timeout are recycled, as Lambda does.
        ScheduledExecutorService recycler = Executors.newSingleThreadScheduledExecutor(daemonThreads("lambda-recycler"));
        recycler.scheduleWithFixedDelay(() -> pools.forEach(pool -> pool.discard(pool.recycleIdle())),
                1, 1, TimeUnit.SECONDS);
        LambdaInvokeServer server = new LambdaInvokeServer(http, httpThreads, workers, eventQueue, recycler, pools);
        LOG.atInfo().addKeyValue("endpoint", server.endpoint().toString())
                .addKeyValue("functions", List.copyOf(runners.keySet())).log("serving");
        return server;
    }

    /** The base URI to give {@code LambdaClient.builder().endpointOverride(...)}. */
    public URI endpoint() {
        InetSocketAddress address = http.getAddress();
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + address.getPort());
    }

    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        recycler.shutdownNow();
        // Process mode: every environment's process tree ends with the server.
        environments.forEach(ExecutionEnvironments::closeAll);
        eventQueue.shutdownNow();
        workers.shutdownNow();
        httpThreads.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
