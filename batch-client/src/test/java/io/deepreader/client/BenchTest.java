package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ctpn.loader.ModelStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench} on real sroie pages writes CSV/JSON/PNG/HTML; {@code cost} projects from its JSON. */
class BenchTest {
    @TempDir
    Path tmp;

    @Test
    void benchWritesTheReportAndCostProjectsFromIt() throws Exception {
        Path input = RunLambdaTest.receipts(tmp.resolve("in"), 350, 2);
        Path out = tmp.resolve("report");
        StringWriter stdout = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(stdout));
        StringWriter stderr = new StringWriter();
        cli.setErr(new PrintWriter(stderr));
        // The default detector is the function's (CTPN), whose model needs an EFS root to live on.
        assertThat(cli.execute("bench", input.toString(), "--pages", "2", "--out", out.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stderr.toString()).contains("--efs-root").contains("--detector opencv");
        int code = cli.execute("bench", input.toString(), "--pages", "2", "--workers", "1", "--batch-sizes", "1,2",
                "--detector", "opencv", "--out", out.toString(), "--json");
        assertThat(code).isZero();
        JsonNode json = Json.mapper().readTree(out.resolve("bench.json").toFile());
        assertThat(json.path("rows")).hasSize(3);
        assertThat(json.path("rows").get(0).path("target").asText()).isEqualTo("local");
        for (JsonNode row : json.path("rows")) {
            assertThat(row.path("pages").asInt()).isPositive();
            assertThat(row.path("pagesPerSecond").asDouble()).isPositive();
        }
        assertThat(json.path("meanStageMillis").size()).isGreaterThan(1);
        assertThat(Files.readAllLines(out.resolve("bench.csv"))).hasSize(4)
                .first().asString().contains("p50Ms,p90Ms,p99Ms");
        assertThat(ImageIO.read(out.resolve("throughput.png").toFile()).getWidth()).isEqualTo(640);
        assertThat(Files.readString(out.resolve("report.html"))).contains("data:image/png;base64,iVBOR");

        StringWriter costOut = new StringWriter();
        CommandLine cost = Cli.commandLine();
        cost.setOut(new PrintWriter(costOut));
        assertThat(cost.execute("cost", "--bench", out.resolve("bench.json").toString(), "--json")).isZero();
        JsonNode projection = Json.mapper().readTree(costOut.toString());
        assertThat(projection.path("label").asText()).contains("PROJECTION");
        assertThat(projection.path("lambdaPer1000Pages").asDouble()).isPositive();
        assertThat(projection.path("ec2Per1000Pages").asDouble()).isPositive();
    }

    /**
     * Born-digital PDFs among the inputs: the bench also reads them with PDF_TEXT=auto and never and prints the text
     * layer's time per page against OCR's for the same pages (a ratio; nothing here asserts on time).
     */
    @Test
    void benchPrintsTheTextLayerAgainstOcrRatioForPdfInputs() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("pdf-in"));
        for (int doc = 1; doc <= 2; doc++) {
            try (org.apache.pdfbox.pdmodel.PDDocument pdf = new org.apache.pdfbox.pdmodel.PDDocument()) {
                var page = new org.apache.pdfbox.pdmodel.PDPage(org.apache.pdfbox.pdmodel.common.PDRectangle.LETTER);
                pdf.addPage(page);
                try (var c = new org.apache.pdfbox.pdmodel.PDPageContentStream(pdf, page)) {
                    c.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                    for (int line = 0; line < 12; line++) {
                        c.beginText();
                        c.newLineAtOffset(60, 720 - 24 * line);
                        c.showText("Invoice " + doc + " line " + line + ": widgets 4 x 12.50 = 50.00");
                        c.endText();
                    }
                }
                pdf.save(input.resolve("inv-" + doc + ".pdf").toFile());
            }
        }
        StringWriter stdout = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(new StringWriter()));
        int code = cli.execute("bench", input.toString(), "--pages", "2", "--workers", "1", "--batch-sizes", "1",
                "--detector", "opencv", "--out", tmp.resolve("pdf-report").toString(), "--json");
        assertThat(code).isZero();
        JsonNode textLayer = Json.mapper().readTree(stdout.toString()).path("textLayer");
        assertThat(textLayer.path("textLayerPages").asInt()).isEqualTo(2);
        assertThat(textLayer.path("ocrPages").asInt()).isEqualTo(2);
        assertThat(textLayer.path("ratio").asDouble()).isPositive();
        System.out.println("bench " + textLayer);
    }

    /**
     * {@code bench --target local,lambda}: the same two receipts in-process and through the Invoke API (serve
     * mode's process mode: the deployment jar in a child JVM under the runtime interface client, its
     * environment created on the first invocation), one report; both run the default detector, CTPN, with the
     * model seeded on the shared EFS root.
     */
    @Test
    void benchesLocalAndLambdaOverTheSameDocuments() throws Exception {
        Path input = RunLambdaTest.receipts(tmp.resolve("in"), 352, 2);
        Path out = tmp.resolve("report");
        Path efs = Files.createDirectories(tmp.resolve("efs"));
        new ModelStore(efs).install(Path.of("").toAbsolutePath().getParent().resolve("models/ctpn/small-v2"),
                "small-v2", true);
        ServedFunction served = ProcessModeOcr.function("deepreader-ocr", Map.of("EFS_ROOT", efs.toString(),
                "OCR_WORKERS", "1", "DETECTOR", "ctpn"), true).withMemoryMb(3008);
        String warmReport;
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(served)))) {
            StringWriter stdout = new StringWriter();
            CommandLine cli = Cli.commandLine();
            cli.setOut(new PrintWriter(stdout));
            int code = cli.execute("bench", input.toString(), "--target", "local,lambda", "--pages", "2",
                    "--workers", "1", "--concurrency", "1", "--batch-sizes", "2", "--endpoint",
                    server.endpoint().toString(), "--efs-root", efs.toString(), "--out", out.toString(), "--json");
            assertThat(code).isZero();
            // One more call after the bench, with the log tail: its REPORT has no Init Duration, so the single
            // environment (reserved concurrency 1) that served the bench was reused warm.
            try (LambdaClient client = LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(5)).build())
                    .build()) {
                InvokeResponse response = client.invoke(r -> r.functionName("deepreader-ocr").logType(LogType.TAIL)
                        .payload(SdkBytes.fromUtf8String("{\"batchId\":\"after-bench\",\"documents\":[]}")));
                assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
                warmReport = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
            }
        }
        JsonNode json = Json.mapper().readTree(out.resolve("bench.json").toFile());
        List<String> shape = new ArrayList<>();
        for (JsonNode row : json.path("rows")) {
            shape.add(row.path("target").asText() + "/" + row.path("phase").asText() + "/" + row.path("documents").asInt());
            assertThat(row.path("failed").asInt()).isZero();
            assertThat(row.path("pages").asInt()).isEqualTo(row.path("documents").asInt());
            long p50 = row.path("p50Millis").asLong();
            assertThat(p50).as(row.toString()).isPositive();
            assertThat(row.path("p90Millis").asLong()).isGreaterThanOrEqualTo(p50);
            assertThat(row.path("p99Millis").asLong()).isGreaterThanOrEqualTo(row.path("p90Millis").asLong());
        }
        assertThat(shape).containsExactly("local/cold/1", "local/warm/2", "lambda/cold/1", "lambda/warm/2");
        assertThat(json.path("note").asText()).contains("local: detector ctpn");
        // Concurrency 1: one execution environment served every invocation; the cold row was its first.
        assertThat(warmReport).contains("REPORT RequestId: ").doesNotContain("Init Duration");
        assertThat(json.path("stageMillisByTarget").path("lambda").path("recognizeMs").asDouble()).isPositive();
        assertThat(json.path("stageMillisByTarget").path("local").path("recognizeMs").asDouble()).isPositive();
        assertThat(Files.readString(out.resolve("report.html"))).contains("p99 ms").contains("<td>lambda</td><td>cold</td>");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] ten = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(io.deepreader.client.bench.BenchPercentiles.of(ten, 50)).isEqualTo(50);
        assertThat(io.deepreader.client.bench.BenchPercentiles.of(ten, 90)).isEqualTo(90);
        assertThat(io.deepreader.client.bench.BenchPercentiles.of(ten, 99)).isEqualTo(100);
        assertThat(io.deepreader.client.bench.BenchPercentiles.of(new long[] {7}, 50)).isEqualTo(7);
    }
}
