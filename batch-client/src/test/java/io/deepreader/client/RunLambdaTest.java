package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.client.run.LocalTarget;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.function.OcrHandler;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run --target lambda} against the OCR function in serve mode, through the real LambdaClient: in
 * process mode (child JVMs under the runtime interface client) for the end-to-end run; in process (a handler
 * wrapper that records what reached the function) for the throttling test.
 */
class RunLambdaTest {
    static final Path SROIE = Path.of(System.getProperty("shared.dir", "../../shared"), "data/sroie-dev/img");

    @TempDir
    Path tmp;

    static Path receipts(Path dir, int from, int count) throws Exception {
        Files.createDirectories(dir);
        for (int i = from; i < from + count; i++) {
            String name = String.format("%03d.jpg", i);
            Files.copy(SROIE.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    @Test
    void processes29ReceiptsAndReportsTheCorruptOne() throws Exception {
        Path input = receipts(tmp.resolve("in"), 300, 29);
        byte[] jpeg = Files.readAllBytes(SROIE.resolve("330.jpg"));
        Files.write(input.resolve("corrupt.jpg"), Arrays.copyOf(jpeg, 500));
        Path efs = Files.createDirectories(tmp.resolve("efs"));

        // Process mode, as Lambda runs the function: the deployment jar in child JVMs under the runtime
        // interface client, two execution environments of two OCR workers each.
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                     ProcessModeOcr.function("deepreader-ocr", java.util.Map.of("EFS_ROOT", efs.toString(),
                             "OCR_WORKERS", "2", "DETECTOR", "opencv"), false)
                             .withMemoryMb(1536).withReservedConcurrency(2))))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = Cli.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            Path report = tmp.resolve("report.json");
            // Four requests in flight against reserved concurrency 2: the extra ones are throttled and retried.
            int code = cli.execute("run", "--target", "lambda", input.toString(), "--endpoint",
                    server.endpoint().toString(), "--function", "deepreader-ocr", "--efs-root", efs.toString(),
                    "--concurrency", "4", "--batch-id", "lambda-it", "--json", "--report", report.toString());

            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.DOCUMENTS_FAILED);
            JsonNode json = Json.mapper().readTree(out.toString());
            assertThat(json.path("documents").asInt()).isEqualTo(30);
            assertThat(json.path("ok").asInt()).isEqualTo(29);
            assertThat(json.path("failed").asInt()).isEqualTo(1);
            JsonNode failed = null;
            for (JsonNode r : json.path("results")) {
                if (!"ok".equals(r.path("status").asText())) {
                    failed = r;
                } else {
                    assertThat(r.path("lines").asInt()).as(r.toString()).isGreaterThan(5);
                }
            }
            assertThat(failed.path("docId").asText()).isEqualTo("corrupt.jpg");
            assertThat(failed.path("errorType").asText()).isNotBlank();
            assertThat(Files.exists(efs.resolve("jobs/lambda-it"))).isTrue();
            assertThat(Json.mapper().readTree(report.toFile()).path("ok").asInt()).isEqualTo(29);
            assertThat(err.toString()).contains("30/30");
        }
    }

    /**
     * One execution environment (reserved concurrency 1) hit by four requests in flight: the server answers
     * the extra ones 429 TooManyRequestsException, the client backs off and retries them, and every document
     * still reaches the function exactly once.
     */
    @Test
    void throttledRequestsAreRetriedAndEveryDocumentCompletesOnce() throws Exception {
        Path input = receipts(tmp.resolve("throttle"), 360, 4);
        Path efs = Files.createDirectories(tmp.resolve("efs-throttle"));
        try (FunctionEnvironment env = new FunctionEnvironment(LocalTarget.config(efs, null, 1, "opencv"))) {
            RecordingHandler handler = new RecordingHandler(new OcrHandler(env));
            try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                    ServedFunction.of("deepreader-ocr", () -> handler).withReservedConcurrency(1))))) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine cli = Cli.commandLine();
                cli.setOut(new PrintWriter(out));
                cli.setErr(new PrintWriter(err));
                int code = cli.execute("run", "--target", "lambda", input.toString(), "--endpoint",
                        server.endpoint().toString(), "--function", "deepreader-ocr", "--efs-root", efs.toString(),
                        "--concurrency", "4", "--batch-size", "1", "--batch-id", "throttle-it", "--json", "--no-progress");

                assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
                JsonNode json = Json.mapper().readTree(out.toString());
                assertThat(json.path("documents").asInt()).isEqualTo(4);
                assertThat(json.path("ok").asInt()).isEqualTo(4);
                List<String> reported = new java.util.ArrayList<>();
                int throttledSum = 0;
                for (JsonNode r : json.path("results")) {
                    reported.add(r.path("docId").asText());
                    assertThat(r.path("attempts").asInt()).as(r.toString()).isEqualTo(1);
                    throttledSum += r.path("throttled").asInt();
                }
                assertThat(reported).containsExactly("360.jpg", "361.jpg", "362.jpg", "363.jpg");
                // Only one request can run at a time and each takes seconds, so the other three were refused.
                assertThat(json.path("throttledRetries").asInt()).isGreaterThanOrEqualTo(3).isEqualTo(throttledSum);
                assertThat(json.path("retries").asInt()).isZero();
                // Throttled requests never reached the function: it saw each document exactly once.
                assertThat(handler.allDocuments()).containsExactlyInAnyOrder("360.jpg", "361.jpg", "362.jpg", "363.jpg");
                assertThat(handler.requests).hasSize(4);
            }
        }
    }

    @Test
    void unreachableEndpointExitsUnavailable() throws Exception {
        Path input = receipts(tmp.resolve("down"), 370, 1);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        StringWriter out = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        int code = cli.execute("run", "--target", "lambda", input.toString(), "--endpoint", "http://127.0.0.1:" + port,
                "--efs-root", tmp.resolve("efs-down").toString(), "--max-attempts", "1", "--no-progress");
        assertThat(code).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(out.toString()).contains("failed=1").contains("InvokeFailed");
    }

    @Test
    void everyCommandListsTheSameExitCodesInHelp() {
        for (String command : List.of("submit", "run", "bench", "cost")) {
            StringWriter out = new StringWriter();
            CommandLine cli = Cli.commandLine();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute(command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("Exit codes:")
                    .containsPattern("(?m)^\\s+0\\s+all documents").containsPattern("(?m)^\\s+3\\s+unavailable");
        }
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("run", "--concurrency")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void localTargetProcessesAFolderInProcess() throws Exception {
        Path input = receipts(tmp.resolve("local"), 340, 3);
        Files.writeString(input.resolve("notes.txt"), "not a document");
        StringWriter out = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        int code = cli.execute("run", "--target", "local", "--detector", "opencv", input.toString(), "--efs-root", tmp.resolve("efs").toString(),
                "--workers", "2", "--batch-id", "local-it");
        assertThat(code).isEqualTo(ExitCodes.DOCUMENTS_FAILED);
        assertThat(out.toString()).contains("documents=4 ok=3 failed=1").contains("notes.txt");
    }
}
