package io.deepreader.serve.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An SQS event source mapping configured as in serverless.yml ({@code events: - sqs: ...}).
 *
 * @param functionName      the served function the mapping invokes
 * @param queueUrl          the queue polled
 * @param batchSize         at most this many messages per invocation (Lambda: 1..10000; 1..10 without a window)
 * @param batchingWindow    how long to gather messages before invoking with fewer than {@code batchSize}
 * @param maxConcurrency    pollers, so invocations in flight: the function's reserved concurrency at most
 * @param visibilityTimeout overrides the queue's for the messages received (empty: the queue's own)
 * @param sqsEndpoint       an SQS-compatible endpoint such as ElasticMQ (empty: AWS's)
 */
public record SqsEventSource(String functionName, String queueUrl, int batchSize, Duration batchingWindow,
                             int maxConcurrency, Optional<Duration> visibilityTimeout, Optional<URI> sqsEndpoint) {

    public SqsEventSource {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(batchingWindow, "batchingWindow");
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        Objects.requireNonNull(sqsEndpoint, "sqsEndpoint");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be 1..10000 like Lambda's: " + batchSize);
        }
        if (batchSize > 10 && batchingWindow.isZero()) {
            // Lambda's rule: batches over 10 messages need a batching window.
            throw new IllegalArgumentException("a batch size over 10 needs a batching window");
        }
        if (batchingWindow.isNegative() || batchingWindow.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("batching window must be 0..300 s like Lambda's: " + batchingWindow);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max concurrency must be at least 1: " + maxConcurrency);
        }
    }

    /**
     * {@code function=NAME,queue=URL[,batchSize=10][,window=SECONDS][,concurrency=N][,visibility=SECONDS][,endpoint=URL]},
     * the value of serve mode's {@code --sqs-event-source}.
     */
    public static SqsEventSource parse(String spec) {
        String function = null;
        String queue = null;
        int batchSize = 10;
        Duration window = Duration.ZERO;
        int concurrency = 1;
        Optional<Duration> visibility = Optional.empty();
        Optional<URI> endpoint = Optional.empty();
        for (String part : spec.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException("event source option needs key=value: " + part);
            }
            switch (kv[0]) {
                case "function" -> function = kv[1];
                case "queue" -> queue = kv[1];
                case "batchSize" -> batchSize = integer(kv[0], kv[1]);
                case "window" -> window = Duration.ofSeconds(integer(kv[0], kv[1]));
                case "concurrency" -> concurrency = integer(kv[0], kv[1]);
                case "visibility" -> visibility = Optional.of(Duration.ofSeconds(integer(kv[0], kv[1])));
                case "endpoint" -> endpoint = Optional.of(URI.create(kv[1]));
                default -> throw new IllegalArgumentException("unknown event source option " + kv[0]);
            }
        }
        if (function == null || queue == null) {
            throw new IllegalArgumentException("--sqs-event-source needs function=NAME and queue=URL: " + spec);
        }
        return new SqsEventSource(function, queue, batchSize, window, concurrency, visibility, endpoint);
    }

    private static int integer(String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer: " + value, e);
        }
    }
}
