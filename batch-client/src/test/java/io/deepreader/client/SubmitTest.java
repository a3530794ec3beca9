package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.deepreader.client.run.LocalTarget;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.function.OcrHandler;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code submit} against an in-process S3Mock through the real S3Client. */
class SubmitTest {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withInitialBuckets("invoices").build();

    @TempDir
    Path tmp;

    private record Run(int code, JsonNode json, String text) {
    }

    private Run submit(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 8];
        System.arraycopy(new String[]{"submit", "--bucket", "invoices", "--endpoint", "http://127.0.0.1:" + S3_MOCK.getHttpPort(),
                "--manifest", tmp.resolve("manifest.json").toString(), "--json"}, 0, all, 0, 8);
        System.arraycopy(args, 0, all, 8, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString().isBlank() ? null : Json.mapper().readTree(out.toString()), err.toString());
    }

    @Test
    void uploadsResumesWithoutReuploadingAndRejectsUnreadableFiles(S3Client s3) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("batch"));
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared"), "data/sroie-dev/img");
        Files.copy(shared.resolve("300.jpg"), dir.resolve("a.jpg"));
        Files.copy(shared.resolve("301.jpg"), dir.resolve("b.jpg"));
        byte[] large = new byte[11 * 1024 * 1024];
        new Random(7).nextBytes(large);
        Files.write(dir.resolve("large.pdf"), large);

        // "Interrupted" first run: only one file got through.
        Run first = submit(dir.resolve("a.jpg").toString());
        assertThat(first.code()).as(first.text()).isZero();
        assertThat(first.json().path("uploaded").asInt()).isEqualTo(1);

        Run second = submit("--multipart-threshold-mb", "6", "--part-size-mb", "5", dir.toString());
        assertThat(second.code()).as(second.text()).isZero();
        assertThat(second.json().path("skipped").asInt()).isEqualTo(1);
        assertThat(second.json().path("uploaded").asInt()).isEqualTo(2);

        var objects = s3.listObjectsV2(r -> r.bucket("invoices").prefix("inbox/")).contents();
        assertThat(objects).hasSize(3);
        assertThat(objects.stream().map(S3Object::key)).allMatch(k -> k.matches("inbox/sha256-[0-9a-f]{32}\\.(jpg|pdf)"));
        String largeKey = objects.stream().map(S3Object::key).filter(k -> k.endsWith(".pdf")).findFirst().orElseThrow();
        byte[] stored = s3.getObjectAsBytes(r -> r.bucket("invoices").key(largeKey)).asByteArray();
        assertThat(stored).isEqualTo(large);
        // Multipart objects carry an ETag with a part count suffix.
        assertThat(s3.headObject(r -> r.bucket("invoices").key(largeKey)).eTag()).contains("-3");

        Path broken = dir.resolve("broken.pdf");
        Files.createSymbolicLink(broken, tmp.resolve("missing.pdf"));
        Run third = submit(dir.toString());
        assertThat(third.code()).isEqualTo(ExitCodes.DOCUMENTS_FAILED);
        assertThat(third.json().path("skipped").asInt()).isEqualTo(3);
        assertThat(third.json().path("uploaded").asInt()).isZero();
        assertThat(third.json().path("rejected").asInt()).isEqualTo(1);
        JsonNode rejected = third.json().path("results").get(2); // sorted: a, b, broken, large
        assertThat(rejected.path("file").asText()).endsWith("broken.pdf");
        assertThat(rejected.path("message").asText()).startsWith("cannot read file (NoSuchFile");
    }

    /**
     * {@code submit --invoke}: uploads to S3Mock, then sends the OCR function (served over the Invoke API,
     * reading its documents from the same S3Mock) batch requests of two S3 documents each.
     */
    @Test
    void invokesTheFunctionWithS3DocumentsTwoPerRequest(S3Client s3) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("invoke"));
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared"), "data/sroie-dev/img");
        Files.copy(shared.resolve("310.jpg"), dir.resolve("a.jpg"));
        Files.copy(shared.resolve("311.jpg"), dir.resolve("b.jpg"));
        Files.copy(shared.resolve("312.jpg"), dir.resolve("c.jpg"));
        Files.copy(shared.resolve("310.jpg"), dir.resolve("d-same-as-a.jpg"));
        Files.write(dir.resolve("e-corrupt.jpg"), java.util.Arrays.copyOf(Files.readAllBytes(shared.resolve("313.jpg")), 500));
        Path efs = Files.createDirectories(tmp.resolve("efs"));
        URI s3Endpoint = URI.create("http://127.0.0.1:" + S3_MOCK.getHttpPort());
        FunctionConfig local = LocalTarget.config(efs, null, 1, "opencv");
        FunctionConfig config = new FunctionConfig(local.efsRoot(), local.tessdataPrefix(), local.workers(), local.detector(),
                local.marginMillis(), Optional.of(s3Endpoint), local.region(), local.limits(), local.ctpn(), local.downstream());
        // The function's S3 client uses the default credential chain; S3Mock accepts any key.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try (FunctionEnvironment env = new FunctionEnvironment(config)) {
            RecordingHandler handler = new RecordingHandler(new OcrHandler(env));
            try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(
                    ServedFunction.of("deepreader-ocr", () -> handler).withReservedConcurrency(2))))) {
                Run run = submit("--prefix", "batch-7/", "--invoke", "--function", "deepreader-ocr",
                        "--invoke-endpoint", server.endpoint().toString(), "--docs-per-request", "2",
                        "--invoke-concurrency", "2", "--no-progress", dir.toString());

                assertThat(run.code()).as(run.text()).isEqualTo(ExitCodes.DOCUMENTS_FAILED);
                assertThat(run.json().path("uploaded").asInt()).isEqualTo(4);
                assertThat(run.json().path("skipped").asInt()).isEqualTo(1);
                JsonNode invoke = run.json().path("invoke");
                assertThat(invoke.path("batchId").asText()).isEqualTo("s3-invoices");
                assertThat(invoke.path("documents").asInt()).isEqualTo(4);
                assertThat(invoke.path("ok").asInt()).isEqualTo(3);
                assertThat(invoke.path("failed").asInt()).isEqualTo(1);

                JsonNode results = run.json().path("results"); // sorted: a, b, c, d-same-as-a, e-corrupt
                for (int i = 0; i < 4; i++) {
                    JsonNode ocr = results.get(i).path("ocr");
                    assertThat(ocr.path("status").asText()).as(results.get(i).toString()).isEqualTo("ok");
                    assertThat(ocr.path("lines").asInt()).isGreaterThan(5);
                }
                assertThat(results.get(3).path("docId").asText()).isEqualTo(results.get(0).path("docId").asText());
                assertThat(results.get(4).path("ocr").path("status").asText()).isEqualTo("failed");
                assertThat(results.get(4).path("ocr").path("errorType").asText()).isNotBlank();

                // Four distinct documents, each asked for once, at most two per request.
                assertThat(handler.requests).hasSize(2).allSatisfy(r -> assertThat(r).hasSize(2));
                assertThat(handler.allDocuments()).doesNotHaveDuplicates().hasSize(4);
                // The function read the bytes from S3Mock: outputs sit under the content-hash ids.
                String docA = results.get(0).path("docId").asText();
                assertThat(efs.resolve("jobs/s3-invoices/" + docA + "/document.json")).exists();
                assertThat(s3.listObjectsV2(r -> r.bucket("invoices").prefix("batch-7/")).contents()).hasSize(4);
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
