package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `run --target local --pdf-text`: the switch reaches the pipeline (the function's PDF_TEXT). */
class RunPdfTextTest {
    @TempDir
    Path tmp;

    @Test
    void pdfTextChoosesBetweenTheTextLayerAndOcr() throws Exception {
        Path input = Files.createDirectories(tmp.resolve("in"));
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                c.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                c.beginText();
                c.newLineAtOffset(72, 720);
                c.showText("Invoice INV-7 total 12.50");
                c.endText();
            }
            pdf.save(input.resolve("inv.pdf").toFile());
        }
        Path efs = Files.createDirectories(tmp.resolve("efs"));

        assertThat(page(input, efs, "auto").path("detector").asText()).isEqualTo("pdf-text");
        JsonNode never = page(input, efs, "never", "--pdf-text", "never");
        assertThat(never.path("detector").asText()).isEqualTo("opencv-morphology");
        assertThat(never.toString()).contains("INV-7");

        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("run", "--target", "local", input.toString(), "--efs-root", efs.toString(),
                "--pdf-text", "sometimes", "--no-progress")).isNotZero();
        assertThat(err.toString()).contains("--pdf-text must be auto, never or always");
    }

    private static JsonNode page(Path input, Path efs, String batchId, String... extra) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = {"run", "--target", "local", input.toString(), "--detector", "opencv", "--workers", "1",
                "--efs-root", efs.toString(), "--batch-id", batchId, "--json", "--no-progress"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        assertThat(cli.execute(all)).as(err.toString()).isZero();
        try (var docs = Files.list(efs.resolve("jobs/" + batchId))) {
            return Json.mapper().readTree(docs.findFirst().orElseThrow().resolve("page-0001.ocr.json").toFile());
        }
    }
}
