package io.deepreader.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.serve.probe.InitFailingHandler;
import io.deepreader.serve.probe.ProbeHandler;
import io.deepreader.serve.probe.SlowInitHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Process mode end to end: LambdaClient -> Invoke API -> Runtime API -> the real runtime interface client
 * 2.10.1 in a child JVM -> test handlers. Every test starts real child JVMs.
 */
class ProcessModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RUNTIME = Path.of("target", "runtime");
    private static final Path CLASSES = Path.of("target", "test-classes");
    private static final Pattern REPORT = Pattern.compile("REPORT RequestId: (\\S+)\\tDuration: (\\d+\\.\\d{2}) ms"
            + "\\tBilled Duration: (\\d+) ms\\tMemory Size: (\\d+) MB\\tMax Memory Used: (\\d+) MB"
            + "(?:\\tInit Duration: (\\d+\\.\\d{2}) ms)?");

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private static ServedFunction probe(String name, Class<?> handler) {
        ProcessDeployment deployment = ProcessDeployment.of(handler.getName() + "::handleRequest", List.of(CLASSES),
                JvmLauncher.of(RUNTIME, List.of(CLASSES))).withEnvironment(Map.of("PROBE_SETTING", "on"));
        return ServedFunction.process(name, deployment).withMemoryMb(256).withTimeout(Duration.ofSeconds(60));
    }

    private LambdaClient serve(ServedFunction... functions) {
        LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(functions)));
        closeables.add(server);
        LambdaClient client = LoopbackClients.client(server, Duration.ofSeconds(120));
        closeables.add(0, client);
        return client;
    }

    private static InvokeResponse invoke(LambdaClient client, String function, String action) {
        return client.invoke(r -> r.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("\"" + action + "\"")));
    }

    private static JsonNode body(InvokeResponse response) throws Exception {
        return JSON.readTree(response.payload().asUtf8String());
    }

    private static String tail(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    private static Matcher report(InvokeResponse response) {
        Matcher report = REPORT.matcher(tail(response));
        assertThat(report.find()).as("REPORT line in %s", tail(response)).isTrue();
        return report;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void warmInvocationsReuseTheChildAndEachWritesAReportLine() throws Exception {
        LambdaClient client = serve(probe("probe", ProbeHandler.class));

        InvokeResponse cold = invoke(client, "probe", "echo");
        InvokeResponse warm = invoke(client, "probe", "echo");

        assertThat(cold.functionError()).isNull();
        JsonNode first = body(cold);
        JsonNode second = body(warm);
        assertThat(first.get("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(second.get("pid").asLong()).as("warm start: same environment").isEqualTo(first.get("pid").asLong());
        assertThat(first.get("requestId").asText()).isEqualTo(cold.responseMetadata().requestId());
        assertThat(first.get("functionName").asText()).isEqualTo("probe");
        assertThat(first.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:probe");
        assertThat(first.get("memoryMb").asInt()).isEqualTo(256);
        // The heap cap follows the memory size: 85% of 256 MB (SerialGC reports a little less than -Xmx).
        assertThat(first.get("maxHeapMb").asInt()).isBetween(180, 218);
        assertThat(first.get("remainingMs").asInt()).isBetween(1, 60_000);
        assertThat(first.get("region").asText()).isEqualTo("us-east-1");
        assertThat(first.get("custom").asText()).isEqualTo("on");

        Matcher coldReport = report(cold);
        assertThat(coldReport.group(1)).isEqualTo(cold.responseMetadata().requestId());
        assertThat(coldReport.group(4)).isEqualTo("256");
        assertThat(Integer.parseInt(coldReport.group(5))).as("Max Memory Used (VmHWM of the child)").isBetween(10, 1024);
        assertThat(coldReport.group(6)).as("Init Duration on the cold start").isNotNull();
        assertThat(Double.parseDouble(coldReport.group(6))).isPositive();
        assertThat(Long.parseLong(coldReport.group(3))).isGreaterThanOrEqualTo((long) Math.ceil(Double.parseDouble(coldReport.group(2))));
        assertThat(tail(cold)).contains("START RequestId: " + cold.responseMetadata().requestId() + " Version: $LATEST",
                "END RequestId: " + cold.responseMetadata().requestId());
        // The child's own stdout line is forwarded into the tail, before END.
        assertThat(tail(warm)).contains("probe echo in pid " + second.get("pid").asLong());
        assertThat(tail(warm).indexOf("probe echo in pid")).isLessThan(tail(warm).indexOf("END RequestId"));

        Matcher warmReport = report(warm);
        assertThat(warmReport.group(1)).isEqualTo(warm.responseMetadata().requestId());
        assertThat(warmReport.group(6)).as("no Init Duration on a warm start").isNull();
    }

    @Test
    void environmentsStartingTogetherEachLoadTheirOwnMappedJniClient() throws Exception {
        // Regression: RIC 2.10.1 alone rewrites /tmp/.libaws-lambda-jni.so at every start, crashing a sibling
        // child that is mapping it; the launcher points every child at one atomically unpacked copy.
        LambdaClient client = serve(probe("probe", ProbeHandler.class).withReservedConcurrency(3));
        List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> invoke(client, "probe", "echo")));
        }
        java.util.Set<Long> pids = new java.util.HashSet<>();
        for (CompletableFuture<InvokeResponse> call : calls) {
            InvokeResponse response = call.get();
            assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
            pids.add(body(response).get("pid").asLong());
        }
        assertThat(pids).hasSize(3);
    }

    @Test
    void everyEnvironmentHasItsOwnTmpKeptWhileItIsWarm() throws Exception {
        LambdaClient client = serve(probe("probe", ProbeHandler.class));

        JsonNode first = body(invoke(client, "probe", "tmp-write"));
        JsonNode warm = body(invoke(client, "probe", "tmp-write"));
        invoke(client, "probe", "exit:3");
        JsonNode fresh = body(invoke(client, "probe", "tmp-write"));

        Path tmp = Path.of(first.get("tmpdir").asText());
        assertThat(tmp).isNotEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(first.get("home").asText()).isEqualTo(tmp.toString());
        assertThat(first.get("markerSeen").asBoolean()).isFalse();
        assertThat(warm.get("pid").asLong()).isEqualTo(first.get("pid").asLong());
        assertThat(warm.get("markerSeen").asBoolean()).as("a warm environment keeps its /tmp").isTrue();
        assertThat(fresh.get("pid").asLong()).isNotEqualTo(first.get("pid").asLong());
        assertThat(fresh.get("markerSeen").asBoolean()).as("a fresh environment starts with an empty /tmp").isFalse();
        assertThat(Path.of(fresh.get("tmpdir").asText())).isNotEqualTo(tmp);
        assertThat(tmp).as("an ended environment's /tmp is removed").doesNotExist();
    }

    @Test
    void aHandlerExceptionKeepsTheEnvironment() throws Exception {
        LambdaClient client = serve(probe("probe", ProbeHandler.class));
        long pid = body(invoke(client, "probe", "echo")).get("pid").asLong();

        InvokeResponse failed = invoke(client, "probe", "throw");

        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(body(failed).get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(body(failed).get("errorMessage").asText()).isEqualTo("probe failure");
        assertThat(body(invoke(client, "probe", "echo")).get("pid").asLong()).isEqualTo(pid);
    }

    @Test
    void aChildThatCallsSystemExitIsARuntimeExitErrorAndTheNextInvocationGetsAFreshEnvironment() throws Exception {
        LambdaClient client = serve(probe("probe", ProbeHandler.class));
        long pid = body(invoke(client, "probe", "echo")).get("pid").asLong();

        InvokeResponse exited = invoke(client, "probe", "exit:3");

        assertThat(exited.functionError()).isEqualTo("Unhandled");
        JsonNode error = body(exited);
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(error.get("errorMessage").asText()).isEqualTo("RequestId: " + exited.responseMetadata().requestId()
                + " Error: Runtime exited with error: exit status 3");
        assertThat(alive(pid)).isFalse();
        InvokeResponse next = invoke(client, "probe", "echo");
        assertThat(next.functionError()).isNull();
        assertThat(body(next).get("pid").asLong()).isNotEqualTo(pid);
        assertThat(report(next).group(6)).as("a cold start again").isNotNull();
    }

    @Test
    void aChildOutOfHeapIsUnhandledAndTheNextInvocationGetsAFreshEnvironment() throws Exception {
        LambdaClient client = serve(probe("probe", ProbeHandler.class).withMemoryMb(128));
        long pid = body(invoke(client, "probe", "echo")).get("pid").asLong();

        InvokeResponse oom = invoke(client, "probe", "oom");

        assertThat(oom.functionError()).isEqualTo("Unhandled");
        // The RIC reports the OutOfMemoryError it caught, then ends its loop: the environment is gone.
        assertThat(body(oom).get("errorType").asText()).isEqualTo("java.lang.OutOfMemoryError");
        JsonNode next = body(invoke(client, "probe", "echo"));
        assertThat(next.get("pid").asLong()).isNotEqualTo(pid);
        assertThat(next.get("maxHeapMb").asInt()).as("85% of 128 MB").isBetween(90, 109);
    }

    @Test
    void aHungInvocationIsKilledAtTheTimeout() throws Exception {
        LambdaClient client = serve(probe("probe", ProbeHandler.class).withTimeout(Duration.ofSeconds(3)));
        long pid = body(invoke(client, "probe", "echo")).get("pid").asLong();

        InvokeResponse hung = invoke(client, "probe", "hang");

        assertThat(hung.functionError()).isEqualTo("Unhandled");
        assertThat(body(hung).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(body(hung).get("errorMessage").asText()).isEqualTo("RequestId: " + hung.responseMetadata().requestId()
                + " Error: Task timed out after 3.00 seconds");
        assertThat(tail(hung)).contains("Status: timeout");
        assertThat(alive(pid)).as("the hung environment's process is killed").isFalse();
        assertThat(body(invoke(client, "probe", "echo")).get("pid").asLong()).isNotEqualTo(pid);
    }

    @Test
    void anInitFailureReachesTheCallerAsAnInitError() throws Exception {
        LambdaClient client = serve(probe("broken", InitFailingHandler.class));

        InvokeResponse failed = invoke(client, "broken", "echo");

        assertThat(failed.functionError()).isEqualTo("Unhandled");
        JsonNode error = body(failed);
        assertThat(error.get("errorMessage").asText()).contains("model not found at /mnt/efs/models/probe");
        assertThat(tail(failed)).contains("INIT_REPORT Init Duration:", "Phase: init\tStatus: error");
        // Lambda retries the init on the next invocation, in a fresh environment.
        InvokeResponse again = invoke(client, "broken", "echo");
        assertThat(again.functionError()).isEqualTo("Unhandled");
        assertThat(tail(again)).contains("INIT_REPORT Init Duration:");
    }

    private static ServedFunction slowInit(long initMs, Duration initTimeout, Duration timeout) {
        ProcessDeployment deployment = ProcessDeployment.of(SlowInitHandler.class.getName() + "::handleRequest",
                        List.of(CLASSES), JvmLauncher.of(RUNTIME, List.of(CLASSES)))
                .withEnvironment(Map.of("PROBE_INIT_MS", Long.toString(initMs))).withInitTimeout(initTimeout);
        return ServedFunction.process("slow", deployment).withMemoryMb(256).withTimeout(timeout);
    }

    @Test
    void billedDurationOfAColdStartIncludesItsInitDuration() throws Exception {
        LambdaClient client = serve(slowInit(1500, Duration.ofSeconds(10), Duration.ofSeconds(30)));

        Matcher cold = report(invoke(client, "slow", "echo"));
        Matcher warm = report(invoke(client, "slow", "echo"));

        double init = Double.parseDouble(cold.group(6));
        assertThat(init).as("Init Duration: the 1.5 s constructor and the JVM start").isGreaterThanOrEqualTo(1500);
        // Lambda bills the INIT phase of on-demand functions since August 2025.
        assertThat(Long.parseLong(cold.group(3))).isEqualTo((long) Math.ceil(Double.parseDouble(cold.group(2)) + init)
                ).isGreaterThanOrEqualTo(1500);
        assertThat(Long.parseLong(warm.group(3))).isLessThan(1500);
    }

    @Test
    void anInitOverTheInitLimitIsRunAgainInsideTheInvocation() throws Exception {
        LambdaClient client = serve(slowInit(2500, Duration.ofSeconds(1), Duration.ofSeconds(30)));

        InvokeResponse response = invoke(client, "slow", "echo");

        assertThat(response.functionError()).isNull();
        assertThat(body(response).get("constructed").asInt()).as("a fresh process ran the init again").isEqualTo(1);
        assertThat(tail(response)).containsPattern("INIT_REPORT Init Duration: 1\\d{3}\\.\\d{2} ms\tPhase: init\tStatus: timeout");
        Matcher report = report(response);
        assertThat(report.group(6)).as("the re-run init is part of Duration, no Init Duration").isNull();
        assertThat(Double.parseDouble(report.group(2))).isGreaterThanOrEqualTo(2500);
        assertThat(alive(body(response).get("pid").asLong())).isTrue();
    }

    @Test
    void anInitOverTheInitLimitAndTheFunctionTimeoutIsATimeout() throws Exception {
        LambdaClient client = serve(slowInit(60_000, Duration.ofSeconds(1), Duration.ofSeconds(3)));

        InvokeResponse response = invoke(client, "slow", "echo");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(body(response).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(tail(response)).contains("Phase: init\tStatus: timeout", "Phase: invoke\tStatus: timeout");
    }

    @Test
    void reservedConcurrencyRefusesTheSecondConcurrentInvocation() throws Exception {
        LambdaClient client = serve(probe("probe", ProbeHandler.class).withTimeout(Duration.ofSeconds(20)));
        long pid = body(invoke(client, "probe", "echo")).get("pid").asLong();
        CompletableFuture<InvokeResponse> hung = CompletableFuture.supplyAsync(() -> invoke(client, "probe", "hang"));
        // A warm hand-over takes milliseconds: after 1 s the hang holds the only environment.
        Thread.sleep(1000);
        assertThat(hung).isNotDone();
        assertThatThrownBy(() -> invoke(client, "probe", "echo")).isInstanceOf(TooManyRequestsException.class);
        assertThat(hung.get().functionError()).isEqualTo("Unhandled");
        assertThat(alive(pid)).isFalse();
    }

    @Test
    void anIdleEnvironmentIsRecycled() throws Exception {
        ServedFunction function = probe("probe", ProbeHandler.class);
        LambdaClient client = serve(ServedFunction.process("probe", function.process().withIdleTimeout(Duration.ofSeconds(1)))
                .withMemoryMb(256));
        long pid = body(invoke(client, "probe", "echo")).get("pid").asLong();

        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (alive(pid) && System.nanoTime() < until) {
            Thread.sleep(100);
        }

        assertThat(alive(pid)).as("recycled after 1 s idle").isFalse();
        InvokeResponse next = invoke(client, "probe", "echo");
        assertThat(body(next).get("pid").asLong()).isNotEqualTo(pid);
        assertThat(report(next).group(6)).isNotNull();
    }
}
