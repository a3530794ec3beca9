package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        int code = cli.execute("bench", input.toString(), "--pages", "2", "--workers", "1", "--batch-sizes", "1,2",
                "--out", out.toString(), "--json");
        assertThat(code).isZero();
        JsonNode json = Json.mapper().readTree(out.resolve("bench.json").toFile());
        assertThat(json.path("rows")).hasSize(3);
        for (JsonNode row : json.path("rows")) {
            assertThat(row.path("pages").asInt()).isPositive();
            assertThat(row.path("pagesPerSecond").asDouble()).isPositive();
        }
        assertThat(json.path("meanStageMillis").size()).isGreaterThan(1);
        assertThat(Files.readAllLines(out.resolve("bench.csv"))).hasSize(4);
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
}
