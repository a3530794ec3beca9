package io.deepreader.queue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server answering path-style S3 GETs as S3 does, from objects held in memory, with injected
 * faults per key: 503 SlowDown for the first N requests, or a first request that stalls (holding the
 * invocation past the function timeout, so serve mode discards the execution environment mid-batch).
 */
final class FaultyS3 implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, Integer> slowDowns = new ConcurrentHashMap<>();
    private final Map<String, Long> stallMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    private final AtomicInteger served503 = new AtomicInteger();
    private final AtomicInteger stalled = new AtomicInteger();

    FaultyS3() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "faulty-s3");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(String bucket, String key, byte[] bytes) {
        objects.put(bucket + "/" + key, bytes);
    }

    void slowDownFirst(String bucket, String key, int requests) {
        slowDowns.put(bucket + "/" + key, requests);
    }

    void stallFirst(String bucket, String key, long millis) {
        stallMillis.put(bucket + "/" + key, millis);
    }

    int gets(String bucket, String key) {
        AtomicInteger n = gets.get(bucket + "/" + key);
        return n == null ? 0 : n.get();
    }

    int served503() {
        return served503.get();
    }

    int stalled() {
        return stalled.get();
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = URLDecoder.decode(ex.getRequestURI().getRawPath().substring(1), StandardCharsets.UTF_8);
        int n = gets.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        if (n <= slowDowns.getOrDefault(path, 0)) {
            served503.incrementAndGet();
            send(ex, 503, error("SlowDown", "Please reduce your request rate."), "application/xml");
            return;
        }
        Long stall = stallMillis.get(path);
        if (stall != null && n == 1) {
            stalled.incrementAndGet();
            try {
                Thread.sleep(stall);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = objects.get(path);
        if (body == null) {
            send(ex, 404, error("NoSuchKey", "The specified key does not exist."), "application/xml");
        } else {
            send(ex, 200, body, "application/octet-stream");
        }
    }

    private static byte[] error(String code, String message) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>r1</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        try {
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client gave up (its environment was discarded): nothing to answer.
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
