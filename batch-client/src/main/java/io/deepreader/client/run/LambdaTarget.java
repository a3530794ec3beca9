package io.deepreader.client.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepreader.client.Json;
import io.deepreader.client.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Invokes the OCR function through the Lambda Invoke API (real Lambda or serve mode) with at most
 * {@code concurrency} requests in flight, {@code batchSize} documents per request, exponential backoff
 * with jitter on throttling, and retries of documents the function deferred.
 */
public final class LambdaTarget {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaTarget.class);
    private static final int MAX_THROTTLED = 200;
    /** Error types the client (not the function) assigns. */
    public static final String INVOKE_FAILED = "InvokeFailed";
    public static final String THROTTLED = "Throttled";

    /** How the function finds a document: an EFS-relative path, or an S3 object. */
    @FunctionalInterface
    public interface DocumentLocator {
        ObjectNode ref(String docId);
    }

    public record Settings(String function, int concurrency, int batchSize, int maxAttempts, Duration baseBackoff) {
        public Settings {
            if (concurrency < 1 || batchSize < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("concurrency, batch size and attempts must be at least 1");
            }
        }
    }

    private final LambdaClient lambda;
    private final Settings settings;

    public LambdaTarget(LambdaClient lambda, Settings settings) {
        this.lambda = lambda;
        this.settings = settings;
    }

    public List<DocumentResult> run(String batchId, List<String> docIds, Map<String, String> files,
                                    DocumentLocator locator, Progress progress) throws InterruptedException {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < docIds.size(); i += settings.batchSize()) {
            chunks.add(docIds.subList(i, Math.min(docIds.size(), i + settings.batchSize())));
        }
        Map<String, DocumentResult> results = Collections.synchronizedMap(new LinkedHashMap<>());
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<String> chunk : chunks) {
                futures.add(pool.submit(() -> invokeChunk(batchId, chunk, files, locator, progress, results)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("invoke worker crashed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<DocumentResult> ordered = new ArrayList<>();
        for (String id : docIds) {
            ordered.add(results.get(id));
        }
        return ordered;
    }

    private void invokeChunk(String batchId, List<String> chunk, Map<String, String> files, DocumentLocator locator,
                             Progress progress, Map<String, DocumentResult> results) {
        List<String> pending = new ArrayList<>(chunk);
        int throttled = 0;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            ObjectNode request = Json.mapper().createObjectNode();
            request.put("batchId", batchId);
            ArrayNode documents = request.putArray("documents");
            pending.forEach(id -> documents.add(locator.ref(id)));
            byte[] payload = request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            List<String> retry = new ArrayList<>();
            long sent = System.nanoTime();
            try {
                InvokeResponse response = lambda.invoke(r -> r.functionName(settings.function())
                        .payload(SdkBytes.fromByteArray(payload)));
                long requestMillis = Math.round((System.nanoTime() - sent) / 1e6);
                JsonNode body = Json.mapper().readTree(response.payload().asByteArray());
                if (response.functionError() != null) {
                    String message = body.path("errorMessage").asText(response.functionError());
                    String type = body.path("errorType").asText("FunctionError");
                    if (attempt < settings.maxAttempts()) {
                        LOG.warn("function error batch={} attempt={} type={} message={}", batchId, attempt, type, message);
                        retry.addAll(pending);
                    } else {
                        for (String id : pending) {
                            finish(results, progress, new DocumentResult(id, files.get(id), "failed", type, message,
                                    0, 0, 0, attempt, throttled, requestMillis));
                        }
                    }
                } else {
                    List<String> unanswered = new ArrayList<>(pending);
                    for (JsonNode doc : body.path("documents")) {
                        String id = doc.path("docId").asText();
                        if (!unanswered.remove(id)) {
                            continue;
                        }
                        String status = doc.path("status").asText();
                        if ("deferred".equals(status) && attempt < settings.maxAttempts()) {
                            retry.add(id);
                            continue;
                        }
                        finish(results, progress, new DocumentResult(id, files.get(id), status,
                                text(doc, "errorType"), text(doc, "errorMessage"), doc.path("pages").asInt(),
                                doc.path("lines").asInt(), doc.path("millis").asLong(), attempt, throttled, requestMillis));
                    }
                    // A response that leaves a document out is a contract break: the document is not silently lost.
                    for (String id : unanswered) {
                        finish(results, progress, new DocumentResult(id, files.get(id), "failed", "MissingFromResponse",
                                "the function's response has no entry for this document", 0, 0, 0, attempt, throttled,
                                requestMillis));
                    }
                }
            } catch (LambdaException e) {
                if (e instanceof TooManyRequestsException || e.statusCode() == 429) {
                    // Throttling is expected under load: it has its own, larger budget and does not use up attempts.
                    if (++throttled > MAX_THROTTLED) {
                        failAll(pending, files, THROTTLED, e.getMessage(), attempt, throttled - 1, results, progress);
                        return;
                    }
                    LOG.debug("throttled batch={} documents={} throttled={}", batchId, pending.size(), throttled);
                    attempt--;
                    sleep(backoff(Math.min(throttled, 5)));
                    continue;
                } else {
                    failAll(pending, files, INVOKE_FAILED, e.getMessage(), attempt, throttled, results, progress);
                    return;
                }
            } catch (SdkException | java.io.IOException e) {
                if (attempt >= settings.maxAttempts()) {
                    failAll(pending, files, INVOKE_FAILED, e.getMessage(), attempt, throttled, results, progress);
                    return;
                }
                retry.addAll(pending);
            }
            pending = retry;
            if (!pending.isEmpty()) {
                sleep(backoff(attempt));
            }
        }
    }

    /** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): spreads retries of throttled clients. */
    private Duration backoff(int attempt) {
        long cap = settings.baseBackoff().toMillis() << Math.min(attempt - 1, 6);
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void failAll(List<String> ids, Map<String, String> files, String type, String message, int attempts,
                                int throttled, Map<String, DocumentResult> results, Progress progress) {
        for (String id : ids) {
            finish(results, progress, new DocumentResult(id, files.get(id), "failed", type, message, 0, 0, 0, attempts,
                    throttled, 0));
        }
    }

    /**
     * True when no document got an answer from the function: every one failed on the client side
     * (endpoint unreachable, function not found, throttled past the budget). Exit code 3, not 1.
     */
    public static boolean unavailable(List<DocumentResult> results) {
        return !results.isEmpty() && results.stream()
                .allMatch(r -> INVOKE_FAILED.equals(r.errorType()) || THROTTLED.equals(r.errorType()));
    }

    private static void finish(Map<String, DocumentResult> results, Progress progress, DocumentResult result) {
        results.put(result.docId(), result);
        progress.step(result.ok());
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
