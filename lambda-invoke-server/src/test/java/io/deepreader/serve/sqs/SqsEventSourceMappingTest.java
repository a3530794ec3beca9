package io.deepreader.serve.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The event source mapping against a real SQS server (ElasticMQ in process) and a served function: what
 * succeeds is deleted, batchItemFailures and function errors come back after the visibility timeout,
 * and the queue's redrive policy moves a message that keeps failing to the DLQ.
 */
class SqsEventSourceMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private SQSRestServer elasticMq;
    private SqsClient sqs;
    private URI sqsEndpoint;
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @BeforeEach
    void start() {
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        sqsEndpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
        sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    @AfterEach
    void stop() {
        sqs.close();
        elasticMq.stopAndWait();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** Bodies "ok-*" succeed, "retry-*" fail once then succeed, "poison" always fails, "crash" throws once. */
    private RequestStreamHandler handler() {
        return (input, output, context) -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                JsonNode event = JSON.readTree(input);
                StringBuilder failures = new StringBuilder();
                boolean crash = false;
                for (JsonNode record : event.get("Records")) {
                    assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
                    String body = record.get("body").asText();
                    int n = deliveries.computeIfAbsent(body, b -> new AtomicInteger()).incrementAndGet();
                    boolean failed = body.equals("poison") || (body.startsWith("retry-") && n == 1);
                    crash |= body.equals("crash") && n == 1;
                    if (failed) {
                        failures.append(failures.isEmpty() ? "" : ",")
                                .append("{\"itemIdentifier\":\"").append(record.get("messageId").asText()).append("\"}");
                    }
                }
                Thread.sleep(50);
                if (crash) {
                    throw new IllegalStateException("environment crashed");
                }
                output.write(("{\"batchItemFailures\":[" + failures + "]}").getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        };
    }

    @Test
    void deletesWhatSucceededRetriesTheRestAndRedrivesPoisonToTheDlq() throws Exception {
        String dlq = sqs.createQueue(r -> r.queueName("dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = sqs.createQueue(r -> r.queueName("uploads").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "2",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"3\"}"))).queueUrl();
        for (int i = 0; i < 30; i++) {
            String body = i % 10 == 3 ? "retry-" + i : "ok-" + i;
            sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
        }
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("poison"));
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("crash"));

        ServedFunction function = ServedFunction.of("fn", this::handler).withTimeout(Duration.ofSeconds(5)).withReservedConcurrency(2);
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(function)));
             SqsEventSources mapping = SqsEventSources.start(List.of(new SqsEventSource("fn", queue, 5, Duration.ofMillis(500), 2,
                     Optional.empty(), Optional.of(sqsEndpoint))), server.endpoint(), "us-east-1", function.timeout(), Clock.systemUTC())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && !(depth(queue) == 0 && depth(dlq) == 1)) {
                Thread.sleep(200);
            }
        }
        assertThat(depth(queue)).isZero();
        var dead = sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages();
        assertThat(dead).extracting(m -> m.body()).containsExactly("poison");
        assertThat(deliveries.get("poison").get()).isEqualTo(3);
        // Successes are deleted after one delivery, unless they shared a batch with the crash (whole batch back once).
        for (int i = 0; i < 30; i++) {
            String body = i % 10 == 3 ? "retry-" + i : "ok-" + i;
            boolean retry = body.startsWith("retry-");
            assertThat(deliveries.get(body).get()).as(body).isBetween(retry ? 2 : 1, retry ? 3 : 2);
        }
        assertThat(deliveries.get("crash").get()).isEqualTo(2);
        assertThat(maxInFlight.get()).as("invocations in flight").isLessThanOrEqualTo(2);
    }

    @Test
    void specsAreReadAsServeModeFlags() {
        var line = SqsEventSources.split(new String[] {"--port", "0", "--sqs-event-source",
                "function=ocr,queue=http://127.0.0.1:9324/000000000000/uploads,batchSize=20,window=5,concurrency=2,visibility=1800"});
        assertThat(line.rest()).containsExactly("--port", "0");
        SqsEventSource source = line.sources().get(0);
        assertThat(source.batchSize()).isEqualTo(20);
        assertThat(source.batchingWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(source.maxConcurrency()).isEqualTo(2);
        assertThat(source.visibilityTimeout()).contains(Duration.ofSeconds(1800));
        // Lambda's rule: more than 10 messages a batch need a batching window.
        assertThatThrownBy(() -> SqsEventSource.parse("function=ocr,queue=q,batchSize=20"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    private int depth(String url) {
        var a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
