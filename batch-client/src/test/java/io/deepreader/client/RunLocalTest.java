package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ctpn.loader.ModelStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `run --target local` in process: the orientation switch and the CTPN model pin reach the pipeline. */
class RunLocalTest {
    private static final Path ROTATED = Path.of(System.getProperty("shared.dir", "../../shared"),
            "data/tesseract-testing/phototestrot.tif");

    private static final Path SHIPPED_MODEL = Path.of("").toAbsolutePath().getParent().resolve("models/ctpn/small-v2");
    private static final Path RECEIPT = Path.of(System.getProperty("shared.dir", "../../shared"),
            "data/sroie-dev/img/330.jpg");

    @TempDir
    Path tmp;

    @Test
    void modelVersionPinsTheCtpnModelInsteadOfTheCurrentPointer() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in"));
        Files.copy(RECEIPT, input.resolve("r330.jpg"));
        Path efs = Files.createDirectories(tmp.resolve("efs"));
        // Installed under its own name and not made current: only the pin can find it.
        new ModelStore(efs).install(SHIPPED_MODEL, "pinned-v1", false);

        StringWriter err = new StringWriter();
        CommandLine unpinned = Cli.commandLine();
        unpinned.setOut(new PrintWriter(new StringWriter()));
        unpinned.setErr(new PrintWriter(err));
        assertThat(unpinned.execute("run", "--target", "local", input.toString(), "--efs-root", efs.toString(),
                "--batch-id", "unpinned", "--no-progress")).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("current");

        JsonNode page = run(input, efs, "pinned", "ctpn", "--model-version", "pinned-v1", "--tf-threads", "1");
        assertThat(page.path("detector").asText()).startsWith("ctpn");
        int lines = 0;
        for (JsonNode block : page.path("blocks")) {
            lines += block.path("lines").size();
        }
        assertThat(lines).as(page.toString()).isGreaterThan(10);
    }

    @Test
    void detectOrientationReadsAPageScannedSideways() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in"));
        Files.copy(ROTATED, input.resolve("rot.tif"));
        Path efs = Files.createDirectories(tmp.resolve("efs"));

        JsonNode off = run(input, efs, "plain", "opencv");
        JsonNode on = run(input, efs, "turned", "opencv", "--detect-orientation");

        // phototestrot.tif is phototest.tif turned 90 degrees counter-clockwise.
        assertThat(off.path("orientationDegrees").asInt()).isZero();
        assertThat(on.path("orientationDegrees").asInt()).isEqualTo(270);
        assertThat(on.path("timingsMs").has("orientationMs")).isTrue();
        assertThat(on.toString()).contains("12 point text").contains("file format");
    }

    private static JsonNode run(Path input, Path efs, String batchId, String detector, String... extra) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[] {"run", "--target", "local", input.toString(), "--detector", detector,
                "--workers", "1", "--efs-root", efs.toString(), "--batch-id", batchId, "--json", "--no-progress"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        assertThat(cli.execute(all)).as(err.toString()).isZero();
        JsonNode json = Json.mapper().readTree(out.toString());
        assertThat(json.path("ok").asInt()).as(out.toString()).isEqualTo(1);
        try (var docs = Files.list(efs.resolve("jobs/" + batchId))) {
            Path doc = docs.findFirst().orElseThrow();
            return Json.mapper().readTree(doc.resolve("page-0001.ocr.json").toFile());
        }
    }
}
