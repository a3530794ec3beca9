package io.deepreader.serve.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Serve mode's SQS event source mapping, doing what Lambda's poller does: each of {@code maxConcurrency}
 * pollers gathers up to {@code batchSize} messages within the batching window, invokes the function
 * synchronously (RequestResponse) with an SQS event in Lambda's shape, then deletes the messages that
 * succeeded. With {@code ReportBatchItemFailures} those are all messages but the ones the response names
 * in {@code batchItemFailures}; a function error (exception, timeout, throttle) or a response naming an
 * unknown id fails the whole batch. Failed messages are simply not deleted: they reappear after the
 * visibility timeout, and the queue's redrive policy moves them to the dead-letter queue after
 * {@code maxReceiveCount} receives.
 */
public final class SqsEventSourceMapping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourceMapping.class);
    /** SQS returns at most 10 messages a receive and long-polls at most 20 s. */
    private static final int MAX_RECEIVE = 10;
    private static final int MAX_WAIT_SECONDS = 20;

    private final SqsEventSource source;
    private final SqsClient sqs;
    private final LambdaClient lambda;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService pollers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final String queueArn;
    private final Stats stats = new Stats();

    /** What the mapping did, for tests and the operator. */
    public static final class Stats {
        private final AtomicLong invocations = new AtomicLong();
        private final AtomicLong functionErrors = new AtomicLong();
        private final AtomicLong deleted = new AtomicLong();
        private final AtomicLong returned = new AtomicLong();

        public long invocations() {
            return invocations.get();
        }

        /** Invocations that failed as a whole (error, timeout, throttle, bad response): every message returned. */
        public long functionErrors() {
            return functionErrors.get();
        }

        public long deleted() {
            return deleted.get();
        }

        /** Messages left to reappear after their visibility timeout. */
        public long returned() {
            return returned.get();
        }
    }

    private SqsEventSourceMapping(SqsEventSource source, SqsClient sqs, LambdaClient lambda, Clock clock) {
        this.source = source;
        this.sqs = sqs;
        this.lambda = lambda;
        this.clock = clock;
        this.queueArn = sqs.getQueueAttributes(r -> r.queueUrl(source.queueUrl()).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        AtomicInteger n = new AtomicInteger();
        this.pollers = Executors.newFixedThreadPool(source.maxConcurrency(), r -> {
            Thread t = new Thread(r, "sqs-poller-" + source.functionName() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts polling. The clients are the caller's (closed by the caller): {@code lambda} points at the
     * Invoke API serving the function, with a read timeout longer than the function's timeout.
     */
    public static SqsEventSourceMapping start(SqsEventSource source, SqsClient sqs, LambdaClient lambda, Clock clock) {
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(source, sqs, lambda, clock);
        for (int i = 0; i < source.maxConcurrency(); i++) {
            mapping.pollers.submit(mapping::poll);
        }
        LOG.atInfo().addKeyValue("function", source.functionName()).addKeyValue("queue", source.queueUrl())
                .addKeyValue("batchSize", source.batchSize()).addKeyValue("windowS", source.batchingWindow().toSeconds())
                .addKeyValue("concurrency", source.maxConcurrency()).log("sqs event source mapping started");
        return mapping;
    }

    public Stats stats() {
        return stats;
    }

    private void poll() {
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            try {
                List<Message> batch = gather();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (SdkException e) {
                if (!running.get()) {
                    return;
                }
                // The queue endpoint is unreachable for a moment: back off as Lambda's pollers do.
                LOG.atWarn().addKeyValue("cause", e.toString()).log("sqs poll failed");
                sleep(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.atError().setCause(e).log("sqs poller error");
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    /** Up to batchSize messages, waiting at most the batching window (or one long poll without a window). */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>();
        Instant deadline = clock.instant().plus(source.batchingWindow());
        while (running.get() && batch.size() < source.batchSize()) {
            long leftMs = Duration.between(clock.instant(), deadline).toMillis();
            boolean windowOpen = leftMs > 0;
            // Without a window, one long poll returns what arrives first; with one, keep gathering until it closes.
            // Whole seconds rounded up, so an open window never turns into a loop of zero-wait receives.
            int wait = batch.isEmpty() && !windowOpen ? MAX_WAIT_SECONDS
                    : (int) Math.min(MAX_WAIT_SECONDS, Math.max(windowOpen ? 1 : 0, (leftMs + 999) / 1000));
            ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder().queueUrl(source.queueUrl())
                    .maxNumberOfMessages(Math.min(MAX_RECEIVE, source.batchSize() - batch.size()))
                    .waitTimeSeconds(wait)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL);
            source.visibilityTimeout().ifPresent(v -> request.visibilityTimeout((int) v.toSeconds()));
            List<Message> received = sqs.receiveMessage(request.build()).messages();
            batch.addAll(received);
            if (!windowOpen || Duration.between(clock.instant(), deadline).toMillis() <= 0) {
                if (!batch.isEmpty() || !running.get()) {
                    break;
                }
                deadline = clock.instant().plus(source.batchingWindow());
            }
        }
        return batch;
    }

    private void deliver(List<Message> batch) {
        stats.invocations.incrementAndGet();
        Set<String> failed = failedMessageIds(batch);
        List<Message> succeeded = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
        delete(succeeded);
        stats.returned.addAndGet(failed.size());
        LOG.atInfo().addKeyValue("function", source.functionName()).addKeyValue("messages", batch.size())
                .addKeyValue("deleted", succeeded.size()).addKeyValue("returned", failed.size()).log("sqs batch delivered");
    }

    /** Which messages must come back, by Lambda's rules for {@code ReportBatchItemFailures}. */
    private Set<String> failedMessageIds(List<Message> batch) {
        Set<String> all = new HashSet<>();
        batch.forEach(m -> all.add(m.messageId()));
        InvokeResponse response;
        try {
            response = lambda.invoke(r -> r.functionName(source.functionName())
                    .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromByteArray(event(batch))));
        } catch (SdkException e) {
            // Throttled, unreachable, timed out: the whole batch returns, as with Lambda.
            stats.functionErrors.incrementAndGet();
            LOG.atWarn().addKeyValue("cause", e.toString()).log("sqs batch invoke failed");
            return all;
        }
        if (response.functionError() != null) {
            stats.functionErrors.incrementAndGet();
            LOG.atWarn().addKeyValue("functionError", response.functionError())
                    .addKeyValue("payload", truncate(response.payload().asUtf8String())).log("sqs batch function error");
            return all;
        }
        try {
            JsonNode answer = json.readTree(response.payload().asByteArray());
            JsonNode failures = answer == null ? null : answer.get("batchItemFailures");
            if (failures == null || failures.isNull()) {
                return Set.of();
            }
            Set<String> failed = new HashSet<>();
            for (JsonNode failure : failures) {
                String id = failure.path("itemIdentifier").asText("");
                if (!all.contains(id)) {
                    // Lambda treats an empty or unknown identifier as a failure of the whole batch.
                    stats.functionErrors.incrementAndGet();
                    return all;
                }
                failed.add(id);
            }
            return failed;
        } catch (IOException e) {
            // Not JSON: Lambda counts the invocation successful and deletes every message. Serve mode does the same.
            return Set.of();
        }
    }

    /** The event Lambda's SQS poller sends (see aws-lambda-java-events' SQSEvent). */
    private byte[] event(List<Message> batch) {
        ObjectNode root = json.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (Message m : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", m.messageId());
            record.put("receiptHandle", m.receiptHandle());
            record.put("body", m.body());
            ObjectNode attributes = record.putObject("attributes");
            m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
            record.putObject("messageAttributes");
            record.put("md5OfBody", m.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", regionOf(queueArn));
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise an SQS event", e);
        }
    }

    private void delete(List<Message> messages) {
        for (int i = 0; i < messages.size(); i += MAX_RECEIVE) {
            List<Message> chunk = messages.subList(i, Math.min(messages.size(), i + MAX_RECEIVE));
            Map<String, Message> byEntry = new LinkedHashMap<>();
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int k = 0; k < chunk.size(); k++) {
                byEntry.put("m" + k, chunk.get(k));
                entries.add(DeleteMessageBatchRequestEntry.builder().id("m" + k).receiptHandle(chunk.get(k).receiptHandle()).build());
            }
            var result = sqs.deleteMessageBatch(r -> r.queueUrl(source.queueUrl()).entries(entries));
            stats.deleted.addAndGet(result.successful().size());
            // A delete that failed leaves the message to be delivered again: at least once, never lost.
            result.failed().forEach(f -> LOG.atWarn().addKeyValue("messageId", byEntry.get(f.id()).messageId())
                    .addKeyValue("code", f.code()).log("sqs delete failed"));
        }
    }

    private static String regionOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":");
        return parts.length > 3 ? parts[3] : "us-east-1";
    }

    private static String truncate(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; a batch in flight finishes (its messages are deleted or returned as usual). */
    @Override
    public void close() {
        running.set(false);
        pollers.shutdown();
        try {
            if (!pollers.awaitTermination(30, TimeUnit.SECONDS)) {
                pollers.shutdownNow();
            }
        } catch (InterruptedException e) {
            pollers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
