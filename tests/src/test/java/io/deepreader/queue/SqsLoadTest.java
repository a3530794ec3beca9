package io.deepreader.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.e2e.ProcessModeFunctions;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import io.deepreader.serve.sqs.SqsEventSource;
import io.deepreader.serve.sqs.SqsEventSources;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The bounded load test of issue 16: S3 notifications as S3 writes them go into a real SQS server
 * (ElasticMQ), serve mode's event source mapping feeds the real OCR function (OpenCV detector) with
 * reserved concurrency 2, each execution environment a child JVM under the runtime interface client, and
 * faults are injected on the way: an environment killed at the timeout (its invocation stalls past it on
 * an S3 read, so serve mode answers Sandbox.Timedout and kills the process, as Lambda does), one killed
 * mid-batch (its process destroyed: Runtime.ExitError), EFS writes failing for some
 * documents, S3 503s beyond the SDK's retries, three poison files and duplicate deliveries. At the end
 * every document is done, a recorded permanent failure, or in the DLQ: lost = 0.
 */
class SqsLoadTest {
    private static final String BUCKET = "uploads";
    /** The runtime interface client's main class: what each execution environment's child JVM runs. */
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String BATCH = "s3-" + BUCKET;
    private static final Set<String> PERMANENT = Set.of("CorruptDocument", "UnsupportedDocument", "DocumentTooLarge",
            "EncryptedDocument", "DocumentNotFound", "InvalidId");
    private static final int DOCUMENTS = Integer.getInteger("sqs.load.documents", 1000);
    private static final int FUNCTION_TIMEOUT_S = 10;
    /** AWS's rule for SQS event sources: the queue's visibility timeout at least 6x the function timeout. */
    private static final int VISIBILITY_S = 6 * FUNCTION_TIMEOUT_S;
    private static final int MAX_RECEIVE_COUNT = 5;
    /** More 503s than one delivery's SDK attempts (3, standard retry mode): the first delivery fails SourceUnavailable. */
    private static final int SLOW_DOWNS = 5;

    @TempDir
    Path efs;

    @Test
    void everyDocumentIsDoneOrRecordedNoneLostNoneDuplicated() throws Exception {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        Random random = new Random(16);
        Map<String, String> keyBySha = new HashMap<>();
        List<String> keys = new ArrayList<>();
        Set<String> poison = new HashSet<>();
        try (FaultyS3 s3 = new FaultyS3(); ElasticMq sqs = new ElasticMq()) {
            for (int i = 0; i < DOCUMENTS - 3; i++) {
                String key = "uploads/load/doc " + String.format("%04d", i) + ".png";
                byte[] png = page("DOC " + String.format("%04d", i) + " TOTAL " + (10 + random.nextInt(90)) + "." + (10 + random.nextInt(90)));
                s3.put(BUCKET, key, png);
                keyBySha.put(sha256(png), key);
                keys.add(key);
            }
            // Three poison files: corrupt, unsupported, over the size limit.
            byte[] good = page("POISON");
            putPoison(s3, keys, poison, "uploads/load/corrupt.png", java.util.Arrays.copyOf(good, good.length / 3));
            putPoison(s3, keys, poison, "uploads/load/notes.txt", "not a document at all".getBytes());
            byte[] big = new byte[300_000];
            random.nextBytes(big);
            System.arraycopy(good, 0, big, 0, 8); // a PNG signature, then too many bytes
            putPoison(s3, keys, poison, "uploads/load/huge.png", big);

            // Faults: S3 503s past the SDK's retries (the first delivery fails SourceUnavailable), one
            // document whose first read stalls past the function timeout, EFS writes failing for some documents.
            // Spread over the run (one in 50), as throttling hits a prefix now and then: ten throttled reads in one
            // batch spend the SDK's backoff (seconds each) and defer the rest of it again and again.
            List<String> throttled = new ArrayList<>();
            for (int i = 7; i < keys.size() - 3; i += 50) {
                throttled.add(keys.get(i));
                s3.slowDownFirst(BUCKET, keys.get(i), SLOW_DOWNS);
            }
            String stalledKey = keys.get(100);
            s3.stallFirst(BUCKET, stalledKey, (FUNCTION_TIMEOUT_S + 4) * 1000L);
            List<String> efsBlocked = keys.subList(200, 210);

            Map<String, String> env = new HashMap<>(Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "2", "DETECTOR", "opencv",
                    "S3_ENDPOINT", s3.endpoint(), "TIME_MARGIN_MS", "4000", "MAX_DOCUMENT_BYTES", "200000",
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
            Map<String, Path> blockers = blockOutputs(efsBlocked);
            String queue = sqs.queueWithDlq("uploads", "uploads-dlq", VISIBILITY_S, MAX_RECEIVE_COUNT);
            String dlq = sqs.url("uploads-dlq");
            // Each execution environment a child JVM under the runtime interface client (serve mode's process
            // mode), so the stalled invocation's environment is killed at the timeout, and one more is killed
            // mid-batch below, as Lambda's would be (an OOM kill, a crash of the host).
            ServedFunction function = ProcessModeFunctions.ocr("ocr", env).withMemoryMb(1024)
                    .withTimeout(Duration.ofSeconds(FUNCTION_TIMEOUT_S)).withReservedConcurrency(2);
            long start = System.nanoTime();
            ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
            try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(function)));
                 SqsEventSources mapping = SqsEventSources.start(List.of(new SqsEventSource("ocr", queue, 10,
                         Duration.ofSeconds(1), 2, Optional.empty(), Optional.of(sqs.endpoint()))),
                         server.endpoint(), "us-east-1", function.timeout(), Clock.systemUTC())) {
                // The EFS fault clears once each blocked document has been tried (a full disk freed, a mount back).
                Map<String, Long> firstSeenTried = new HashMap<>();
                faults.scheduleWithFixedDelay(() -> clearTriedBlockers(s3, blockers, firstSeenTried), 5, 5, TimeUnit.SECONDS);
                AtomicInteger killed = new AtomicInteger();
                faults.scheduleWithFixedDelay(() -> killOneEnvironmentOnce(mapping, killed), 1, 1, TimeUnit.SECONDS);
                int duplicatesSent = send(sqs, queue, keys, s3);
                awaitDrained(sqs, queue, Duration.ofMinutes(12));
                long seconds = Math.round((System.nanoTime() - start) / 1e9);
                Tally tally = tally(keyBySha, keys, poison, dlqKeys(sqs, dlq));
                String line = String.format(java.util.Locale.ROOT,
                        "documents sent %d (+%d duplicate deliveries, 1 s3:TestEvent), done %d, failed-permanent %d, in DLQ %d, "
                                + "duplicated output sets %d, lost %d; %d s; faults: %d S3 503s on %d documents, %d stalled read "
                                + "(environment killed at the timeout), %d environment killed mid-batch, %d EFS-blocked documents, 3 poison files; mapping: %d invocations, "
                                + "%d function errors, %d messages returned",
                        keys.size(), duplicatesSent, tally.done, tally.permanent, tally.inDlq, tally.duplicated, tally.lost,
                        seconds, s3.served503(), throttled.size(), s3.stalled(), killed.get(), efsBlocked.size(),
                        mapping.stats().invocations(), mapping.stats().functionErrors(), mapping.stats().returned());
                System.out.println(line);
                Files.createDirectories(Path.of("target", "reliability"));
                Files.write(Path.of("target", "reliability", "sqs-load.txt"), List.of(line));
                assertThat(s3.served503()).as("503s injected").isEqualTo(throttled.size() * SLOW_DOWNS);
                assertThat(s3.stalled()).as("stalled read injected").isEqualTo(1);
                assertThat(killed.get()).as("environments killed mid-batch").isEqualTo(1);
                assertThat(efsBlocked).as("EFS-blocked documents retried").allSatisfy(k -> assertThat(s3.gets(BUCKET, k)).isGreaterThan(1));
                assertThat(tally.lost).as("lost").isZero();
                assertThat(tally.duplicated).as("duplicated output sets").isZero();
                assertThat(tally.permanentKeys).as("poison files recorded as permanent failures").isEqualTo(3);
                assertThat(tally.inDlq).as("in DLQ").isZero();
                assertThat(tally.done).as("done").isEqualTo(keys.size() - 3);
                // A killed environment may leave its attempt's staging folder (jobs/.staging), never a temp file
                // among the published outputs.
                try (Stream<Path> files = Files.walk(efs.resolve("jobs").resolve(BATCH))) {
                    assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).as("temp files left").isEmpty();
                }
            } finally {
                faults.shutdownNow();
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private static void putPoison(FaultyS3 s3, List<String> keys, Set<String> poison, String key, byte[] bytes) {
        s3.put(BUCKET, key, bytes);
        keys.add(key);
        poison.add(key);
    }

    /** A regular file where the document's output folder must go: every write under it fails. */
    private Map<String, Path> blockOutputs(List<String> keys) throws IOException {
        Map<String, Path> blockers = new HashMap<>();
        for (String key : keys) {
            Path dir = efs.resolve("jobs").resolve(BATCH).resolve(io.deepreader.function.DocumentIds.forS3(BUCKET, key));
            Files.createDirectories(dir.getParent());
            Files.writeString(dir, "blocks this document's outputs");
            blockers.put(key, dir);
        }
        return blockers;
    }

    /**
     * Once the mapping has made 10 invocations (the queue is full, so both environments are busy), kills one
     * execution environment's process: its batch gets Runtime.ExitError and comes back after the visibility timeout.
     */
    private static void killOneEnvironmentOnce(SqsEventSources mapping, AtomicInteger killed) {
        if (killed.get() > 0 || mapping.stats().invocations() < 10) {
            return;
        }
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(RUNTIME_CLIENT)).orElse(false))
                .findFirst()
                .ifPresent(p -> {
                    if (p.destroyForcibly()) {
                        killed.incrementAndGet();
                    }
                });
    }

    private static void clearTriedBlockers(FaultyS3 s3, Map<String, Path> blockers, Map<String, Long> firstSeenTried) {
        long now = System.nanoTime();
        blockers.entrySet().removeIf(e -> {
            if (s3.gets(BUCKET, e.getKey()) == 0) {
                return false;
            }
            // Cleared only once the invocation that read it has surely ended (no invocation outlives the function
            // timeout: its process is killed), so its write really met the fault.
            long seen = firstSeenTried.computeIfAbsent(e.getKey(), k -> now);
            if (now - seen <= TimeUnit.SECONDS.toNanos(FUNCTION_TIMEOUT_S + 1)) {
                return false;
            }
            try {
                Files.deleteIfExists(e.getValue());
                return true;
            } catch (IOException ex) {
                return false;
            }
        });
    }

    /** One s3:TestEvent, every upload's notification, and 20 of them a second time (S3 delivers at least once). */
    private static int send(ElasticMq sqs, String queue, List<String> keys, FaultyS3 s3) {
        List<String> bodies = new ArrayList<>();
        bodies.add(S3Notifications.testEvent(BUCKET));
        for (int i = 0; i < keys.size(); i++) {
            bodies.add(S3Notifications.objectCreated(BUCKET, keys.get(i), 1000, i));
        }
        int duplicates = 0;
        for (int i = 300; i < 320; i++) {
            // Right behind the original, so both are often in flight at once (same or parallel batches).
            bodies.add(Math.min(bodies.size(), i + 2 + duplicates), S3Notifications.objectCreated(BUCKET, keys.get(i), 1000, i));
            duplicates++;
        }
        for (int i = 0; i < bodies.size(); i += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int k = i; k < Math.min(bodies.size(), i + 10); k++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + k).messageBody(bodies.get(k)).build());
            }
            assertThat(sqs.client().sendMessageBatch(r -> r.queueUrl(queue).entries(entries)).failed()).isEmpty();
        }
        return duplicates;
    }

    private static void awaitDrained(ElasticMq sqs, String queue, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int emptyChecks = 0;
        while (System.nanoTime() < deadline) {
            emptyChecks = sqs.depth(queue) == 0 ? emptyChecks + 1 : 0;
            if (emptyChecks >= 3) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    private static Set<String> dlqKeys(ElasticMq sqs, String dlq) {
        Set<String> keys = new HashSet<>();
        while (true) {
            var messages = sqs.client().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                return keys;
            }
            for (var m : messages) {
                try {
                    JsonNode record = ResultJson.mapper().readTree(m.body()).path("Records").path(0);
                    keys.add(java.net.URLDecoder.decode(record.path("s3").path("object").path("key").asText(m.body()),
                            java.nio.charset.StandardCharsets.UTF_8));
                } catch (IOException e) {
                    keys.add(m.body());
                }
            }
        }
    }

    private record Tally(int done, int permanent, int permanentKeys, int inDlq, int duplicated, int lost) {
    }

    /**
     * From the EFS results: a finished output set names its source's sha256, so each generated page maps
     * back to its upload; two finished sets for one source would be a duplicated output set.
     */
    private Tally tally(Map<String, String> keyBySha, List<String> keys, Set<String> poison, Set<String> inDlq) throws IOException {
        Map<String, Integer> setsPerKey = new HashMap<>();
        Set<String> permanentDocIds = new HashSet<>();
        Path batch = efs.resolve("jobs").resolve(BATCH);
        try (Stream<Path> dirs = Files.list(batch)) {
            for (Path dir : dirs.toList()) {
                Path manifest = dir.resolve("document.json");
                if (!Files.isRegularFile(manifest)) {
                    continue;
                }
                JsonNode m = ResultJson.mapper().readTree(manifest.toFile());
                if ("ok".equals(m.path("status").asText())) {
                    String key = keyBySha.get(m.path("sourceSha256").asText());
                    assertThat(key).as("output set of an unknown source: " + dir).isNotNull();
                    setsPerKey.merge(key, 1, Integer::sum);
                } else if (PERMANENT.contains(m.path("errorType").asText())) {
                    permanentDocIds.add(dir.getFileName().toString());
                }
                // A failed document.json of a transient type is a retry still to come (or one in the DLQ).
            }
        }
        Set<String> poisonIds = new HashSet<>();
        poison.forEach(k -> poisonIds.add(io.deepreader.function.DocumentIds.forS3(BUCKET, k)));
        int permanentKeys = (int) permanentDocIds.stream().filter(poisonIds::contains).count();
        int duplicated = setsPerKey.values().stream().mapToInt(n -> n - 1).sum();
        int lost = 0;
        for (String key : keys) {
            boolean accounted = setsPerKey.containsKey(key) || inDlq.contains(key)
                    || permanentDocIds.contains(io.deepreader.function.DocumentIds.forS3(BUCKET, key));
            if (!accounted) {
                lost++;
            }
        }
        return new Tally(setsPerKey.size(), permanentDocIds.size(), permanentKeys, inDlq.size(), duplicated, lost);
    }

    /** A small generated page: one line of bold text, about 25 KB as PNG. */
    private static byte[] page(String text) {
        BufferedImage img = new BufferedImage(900, 160, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font("Liberation Mono", Font.BOLD, 36));
        g.drawString(text, 60, 95);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
