package io.deepreader.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calls served handlers through the real AWS SDK v2 LambdaClient over loopback. */
class LambdaInvokeServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private LambdaClient serve(ServedFunction... functions) {
        LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(functions)));
        closeables.add(server);
        LambdaClient client = LoopbackClients.client(server, Duration.ofSeconds(60));
        closeables.add(0, client);
        return client;
    }

    private static InvokeResponse invoke(LambdaClient client, String function, String payload) {
        return client.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void synchronousInvocationReturnsTheHandlerOutputAndContext() throws Exception {
        LambdaClient client = serve(ServedFunction.of("echo", EchoHandler::new)
                .withTimeout(Duration.ofSeconds(30)).withMemoryMb(2048));

        InvokeResponse response = client.invoke(r -> r.functionName("echo").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"batchId\":\"b1\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        JsonNode body = JSON.readTree(response.payload().asByteArray());
        assertThat(body.at("/echo/batchId").asText()).isEqualTo("b1");
        assertThat(body.get("functionName").asText()).isEqualTo("echo");
        assertThat(body.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:echo");
        assertThat(body.get("memoryMb").asInt()).isEqualTo(2048);
        assertThat(body.get("remainingMs").asInt()).isBetween(1, 30_000);
        String requestId = body.get("requestId").asText();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(response.responseMetadata().requestId()).isEqualTo(requestId);
        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("echoing for " + requestId);
    }

    @Test
    void functionCanBeNamedByArnAndQualifier() {
        LambdaClient client = serve(ServedFunction.of("echo", EchoHandler::new));

        assertThat(invoke(client, "arn:aws:lambda:us-east-1:000000000000:function:echo", "{}").statusCode())
                .isEqualTo(200);
        assertThat(client.invoke(r -> r.functionName("echo").qualifier("$LATEST")
                .payload(SdkBytes.fromUtf8String("{}"))).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> client.invoke(r -> r.functionName("echo").qualifier("live")
                .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void warmInvocationsReuseTheExecutionEnvironment() throws Exception {
        LambdaClient client = serve(ServedFunction.of("echo", EchoHandler::new));

        int first = JSON.readTree(invoke(client, "echo", "{}").payload().asByteArray()).get("instance").asInt();
        int second = JSON.readTree(invoke(client, "echo", "{}").payload().asByteArray()).get("instance").asInt();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void handlerExceptionBecomesAnUnhandledFunctionErrorWithLambdasErrorJson() throws Exception {
        LambdaClient client = serve(ServedFunction.of("broken", FailingHandler::new));

        InvokeResponse response = invoke(client, "broken", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("receipt unreadable");
        assertThat(error.get("stackTrace").get(0).asText()).contains("FailingHandler.handleRequest");
        assertThat(error.at("/cause/errorType").asText()).isEqualTo("java.io.UncheckedIOException");
        assertThat(error.at("/cause/cause/errorMessage").asText()).isEqualTo("disk gone");
    }

    @Test
    void failingConstructorIsReportedAsAnUnhandledError() throws Exception {
        LambdaClient client = serve(ServedFunction.of("init", () -> {
            throw new HandlerInitException("Init", new IllegalArgumentException("EFS_ROOT missing"));
        }));

        InvokeResponse response = invoke(client, "init", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("EFS_ROOT missing");
    }

    @Test
    void unknownFunctionIsResourceNotFound() {
        LambdaClient client = serve(ServedFunction.of("echo", EchoHandler::new));

        assertThatThrownBy(() -> invoke(client, "nope", "{}"))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404))
                .hasMessageContaining("Function not found: nope");
    }

    @Test
    void dryRunValidatesWithoutRunningAndEventRunsAsynchronously() throws Exception {
        Semaphore entered = new Semaphore(0);
        CountDownLatch gate = new CountDownLatch(1);
        LambdaClient client = serve(ServedFunction.of("gate", () -> new GateHandler(entered, gate)));

        InvokeResponse dryRun = client.invoke(r -> r.functionName("gate").invocationType(InvocationType.DRY_RUN)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(dryRun.statusCode()).isEqualTo(204);
        assertThat(entered.availablePermits()).isZero();

        InvokeResponse event = client.invoke(r -> r.functionName("gate").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{}")));
        assertThat(event.statusCode()).isEqualTo(202);
        // The 202 came back while the handler still waits at the gate: it really runs in the background.
        assertThat(entered.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        gate.countDown();
    }

    @Test
    void invocationsBeyondReservedConcurrencyAreThrottledWith429() throws Exception {
        Semaphore entered = new Semaphore(0);
        CountDownLatch gate = new CountDownLatch(1);
        LambdaClient client = serve(ServedFunction.of("gate", () -> new GateHandler(entered, gate))
                .withReservedConcurrency(2));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<InvokeResponse> first = callers.submit(() -> invoke(client, "gate", "{}"));
            Future<InvokeResponse> second = callers.submit(() -> invoke(client, "gate", "{}"));
            assertThat(entered.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> invoke(client, "gate", "{}"))
                    .isInstanceOf(TooManyRequestsException.class)
                    .satisfies(e -> {
                        TooManyRequestsException throttled = (TooManyRequestsException) e;
                        assertThat(throttled.statusCode()).isEqualTo(429);
                        assertThat(throttled.reasonAsString())
                                .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
                    });

            gate.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).payload().asUtf8String()).isEqualTo("\"passed\"");
            assertThat(second.get(10, TimeUnit.SECONDS).payload().asUtf8String()).isEqualTo("\"passed\"");
            assertThat(invoke(client, "gate", "{}").statusCode()).isEqualTo(200);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void invocationPastTheFunctionTimeoutFailsWithSandboxTimedout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        LambdaClient client = serve(ServedFunction.of("slow", () -> new GateHandler(new Semaphore(0), never))
                .withTimeout(Duration.ofSeconds(1)));

        InvokeResponse response = invoke(client, "slow", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(response.payload().asByteArray());
        assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.get("errorMessage").asText()).endsWith("Task timed out after 1.00 seconds");
        // The timed-out environment was discarded and its slot freed: the function still serves.
        never.countDown();
        InvokeResponse again = invoke(client, "slow", "{}");
        assertThat(again.functionError()).isNull();
        assertThat(again.payload().asUtf8String()).isEqualTo("\"passed\"");
    }

    @Test
    void oversizedPayloadsAreRefusedWith413() {
        LambdaClient client = serve(ServedFunction.of("echo", EchoHandler::new));
        String big = "\"" + "x".repeat(300 * 1024) + "\"";

        assertThatThrownBy(() -> client.invoke(r -> r.functionName("echo").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(big))))
                .isInstanceOf(RequestTooLargeException.class);
        // The same payload is within the 6 MB synchronous limit.
        assertThat(invoke(client, "echo", big).functionError()).isNull();
    }

    @Test
    void oversizedResponsesAreAFunctionError() throws Exception {
        LambdaClient client = serve(ServedFunction.of("huge", () -> (InputStream in, OutputStream out,
                com.amazonaws.services.lambda.runtime.Context context) -> out.write(new byte[7 * 1024 * 1024])));

        InvokeResponse response = invoke(client, "huge", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(response.payload().asByteArray()).get("errorType").asText())
                .isEqualTo("Function.ResponseSizeTooLarge");
    }
}
