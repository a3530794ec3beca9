package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.e2e.ProcessModeFunctions;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pipeline.DocumentManifest;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * A sustained run of serve mode on loopback: 4 clients (AWS SDK LambdaClient) keep invoking the real OCR
 * function, whose reserved concurrency is 2, so about half the calls are throttled (429) and retried.
 * The function runs in process mode, as Lambda runs it: its deployment jar in child JVMs under the runtime
 * interface client, one per execution environment. Every document must come back ok exactly once, EFS must
 * hold exactly one complete output set per document, the two environments must be reused (two cold starts
 * in all), and their peak memory (REPORT's Max Memory Used) must not grow between the first and the last
 * quarter of the run.
 */
class ServeLoadTest {
    private static final int CLIENTS = 4;
    private static final int INVOCATIONS_PER_CLIENT = 8;
    private static final int DOCS_PER_INVOCATION = 2;
    private static final int MEMORY_MB = 1024;
    // Measured 194 -> 226 MB (JIT and code cache still warming); the bound is 1/8 of the memory size.
    private static final long MAX_PEAK_GROWTH_MB = 128;

    @TempDir
    Path efs;

    @Test
    void concurrentClientsLoseAndDuplicateNothingAndMemoryStaysFlat() throws Exception {
        int documents = CLIENTS * INVOCATIONS_PER_CLIENT * DOCS_PER_INVOCATION;
        Path inbox = Files.createDirectories(efs.resolve("inbox/load"));
        for (int i = 0; i < documents; i++) {
            Files.write(inbox.resolve(String.format("d%03d.png", i)),
                    Corpus.png(Corpus.textPage("RECEIPT LOAD", "TOTAL " + (100 + i) + ".00")));
        }
        Map<String, Integer> okCount = new ConcurrentHashMap<>();
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        List<ProcessModeFunctions.Report> reports = java.util.Collections.synchronizedList(new ArrayList<>());
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                     ProcessModeFunctions.ocr("ocr", Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "1",
                                     "DETECTOR", "opencv"))
                             .withTimeout(Duration.ofSeconds(300)).withMemoryMb(MEMORY_MB).withReservedConcurrency(2))));
             LambdaClient client = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                     .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
                     // Throttling is retried below, by hand, so the test can count it.
                     .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                     .build()) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int clientNo = c;
                futures.add(clients.submit(() -> {
                    for (int k = 0; k < INVOCATIONS_PER_CLIENT; k++) {
                        int first = (clientNo * INVOCATIONS_PER_CLIENT + k) * DOCS_PER_INVOCATION;
                        List<Map<String, String>> docs = new ArrayList<>();
                        for (int d = first; d < first + DOCS_PER_INVOCATION; d++) {
                            docs.add(Invocations.efsDoc(String.format("d%03d", d), String.format("inbox/load/d%03d.png", d)));
                        }
                        JsonNode response = invokeWithBackoff(client, docs, throttled, reports);
                        for (JsonNode o : response.get("documents")) {
                            assertThat(o.get("status").asText()).as(o.toString()).isEqualTo("ok");
                            okCount.merge(o.get("docId").asText(), 1, Integer::sum);
                        }
                        completed.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(15, TimeUnit.MINUTES);
            }
            clients.shutdown();
        }

        assertThat(okCount).hasSize(documents);
        assertThat(okCount.values()).containsOnly(1);
        EfsLayout layout = new EfsLayout(efs);
        try (Stream<Path> dirs = Files.list(layout.batchDir("load"))) {
            assertThat(dirs.count()).isEqualTo(documents);
        }
        for (int i = 0; i < documents; i++) {
            String docId = String.format("d%03d", i);
            // The output set belongs to this document (its source's digest), not to a neighbour in the same request.
            DocumentManifest manifest = ResultJson.mapper().readValue(layout.documentManifest("load", docId).toFile(),
                    DocumentManifest.class);
            assertThat(manifest.sourceSha256()).isEqualTo(Invocations.sha256(inbox.resolve(docId + ".png")));
            assertThat(manifest.pages()).containsExactly("page-0001");
            assertThat(Files.readString(layout.pageText("load", docId, 1))).contains("RECEIPT LOAD");
        }
        assertThat(Invocations.tempFiles(efs)).isEmpty();
        int invocations = CLIENTS * INVOCATIONS_PER_CLIENT;
        assertThat(reports).as("one REPORT line per invocation").hasSize(invocations);
        assertThat(reports.stream().filter(ProcessModeFunctions.Report::coldStart).count())
                .as("two environments, each started once and then reused warm").isEqualTo(2);
        // VmHWM only grows: the peak of the first quarter against the peak at the end shows a leak as growth.
        long quarterPeak = reports.subList(0, invocations / 4).stream().mapToLong(ProcessModeFunctions.Report::maxMemoryUsedMb).max().orElseThrow();
        long endPeak = reports.stream().mapToLong(ProcessModeFunctions.Report::maxMemoryUsedMb).max().orElseThrow();
        assertThat(endPeak).isLessThanOrEqualTo(MEMORY_MB);
        assertThat(endPeak - quarterPeak).as("peak memory growth (MB) between the first quarter and the end")
                .isLessThan(MAX_PEAK_GROWTH_MB);
        Reports.write("serve-load.txt", List.of("clients=" + CLIENTS + " reservedConcurrency=2 invocations="
                + invocations + " documents=" + documents + " throttled429=" + throttled.get()
                + " okOnce=" + okCount.size() + " lost=0 duplicated=0 mode=process coldStarts=2 memorySizeMb=" + MEMORY_MB
                + " maxMemoryUsedQuarterMb=" + quarterPeak + " maxMemoryUsedEndMb=" + endPeak));
    }

    private static JsonNode invokeWithBackoff(LambdaClient client, List<Map<String, String>> docs, AtomicInteger throttled,
                                              List<ProcessModeFunctions.Report> reports) throws Exception {
        byte[] payload = ResultJson.mapper().writeValueAsBytes(Map.of("batchId", "load", "documents", docs));
        for (int attempt = 0; ; attempt++) {
            try {
                InvokeResponse r = client.invoke(b -> b.functionName("ocr").logType(LogType.TAIL)
                        .payload(SdkBytes.fromByteArray(payload)));
                assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
                reports.add(ProcessModeFunctions.report(r.logResult()).orElseThrow(
                        () -> new AssertionError("no REPORT line in the log tail of " + r.responseMetadata().requestId())));
                return ResultJson.mapper().readTree(r.payload().asByteArray());
            } catch (TooManyRequestsException e) {
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(attempt).as("throttled too often").isLessThan(200);
                throttled.incrementAndGet();
                Thread.sleep(Math.min(2_000, 100L << Math.min(attempt, 4)));
            }
        }
    }
}
