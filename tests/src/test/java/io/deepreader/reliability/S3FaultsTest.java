package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.deepreader.function.FunctionEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 errors seen by the real SDK client: a loopback HTTP server answering as S3 does (path-style GETs)
 * with throttling (503 SlowDown), a transient 500, a missing key and a good object.
 */
class S3FaultsTest {
    @TempDir
    Path efs;
    private HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final byte[] png = Corpus.goodPng();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        // The SDK's default chain reads these; nothing leaves the loopback interface.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private void answer(HttpExchange ex) throws IOException {
        String key = ex.getRequestURI().getPath().replaceFirst("^/bucket/", "");
        int n = hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        switch (key) {
            case "good.png" -> send(ex, 200, png, "image/png");
            case "flaky.png" -> {
                if (n == 1) {
                    send(ex, 500, error("InternalError"), "application/xml");
                } else {
                    send(ex, 200, png, "image/png");
                }
            }
            case "throttled.png" -> send(ex, 503, error("SlowDown"), "application/xml");
            default -> send(ex, 404, error("NoSuchKey"), "application/xml");
        }
    }

    private static byte[] error(String code) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + "</Message><RequestId>r1</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, Object> s3Doc(String docId, String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("docId", docId);
        m.put("s3", Map.of("bucket", "bucket", "key", key));
        return m;
    }

    @Test
    void throttlingAndMissingKeysFailTheirDocumentOnlyAndTransientErrorsAreRetried() throws Exception {
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        JsonNode r;
        try (FunctionEnvironment env = Invocations.environment(efs, Map.of("S3_ENDPOINT", endpoint))) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Map<String, String>> docs = (List) List.of(s3Doc("good", "good.png"), s3Doc("flaky", "flaky.png"),
                    s3Doc("throttled", "throttled.png"), s3Doc("missing", "missing.png"));
            r = Invocations.invoke(env, "s3-faults", docs);
        }
        JsonNode docs = r.get("documents");
        assertThat(docs.get(0).get("status").asText()).as(docs.get(0).toString()).isEqualTo("ok");
        assertThat(docs.get(1).get("status").asText()).as(docs.get(1).toString()).isEqualTo("ok");
        assertThat(hits.get("flaky.png").get()).isEqualTo(2);
        // Throttling is retried by the SDK, then reported as a typed, retryable per-document failure, not a crash.
        assertThat(hits.get("throttled.png").get()).isGreaterThan(1);
        assertThat(docs.get(2).get("errorType").asText()).isEqualTo("SourceUnavailable");
        assertThat(docs.get(2).get("errorMessage").asText()).contains("s3://bucket/throttled.png");
        assertThat(docs.get(3).get("errorType").asText()).isEqualTo("DocumentNotFound");
        Reports.write("s3.txt", List.of("throttledAttempts=" + hits.get("throttled.png").get()
                + " flakyAttempts=" + hits.get("flaky.png").get()));
    }
}
