package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 3 (inline images): an image written inline in a content stream ({@code BI /W 30000 /H 30000 ... ID
 * data EI}, 900 MP) has no XObject dictionary to check; its size is read from the stream's tokens, on the page
 * and inside a form, before anything is rendered. A page drawing a normal inline image still reads, its text found.
 */
class InlineImageBombTest extends HandlerOnEfsTest {
    private static final int HEAP_MB = 160;

    @Test
    void aGiantInlineImageIsDocumentTooLargeAndASmallOneIsRead() throws Exception {
        Files.write(efs.resolve("inbox/inline-bomb.pdf"), pdf(bombImage(), false));
        Files.write(efs.resolve("inbox/inline-nested.pdf"), pdf(bombImage(), true));
        Files.write(efs.resolve("inbox/inline-text.pdf"), pdf(textImage("INLINE IMAGE 42"), false));

        JsonNode r = Invocations.invoke(env, "inline", List.of(Invocations.efsDoc("bomb", "inbox/inline-bomb.pdf"),
                Invocations.efsDoc("nested", "inbox/inline-nested.pdf"), Invocations.efsDoc("text", "inbox/inline-text.pdf")));

        JsonNode docs = r.get("documents");
        for (int i = 0; i < 2; i++) {
            assertThat(docs.get(i).get("errorType").asText()).as(docs.get(i).toString()).isEqualTo("DocumentTooLarge");
            assertThat(docs.get(i).get("errorMessage").asText()).contains("30000x30000 inline image");
        }
        assertThat(docs.get(2).get("status").asText()).as(docs.get(2).toString()).isEqualTo("ok");
        assertThat(Files.readString(new EfsLayout(efs).pageText("inline", "text", 1))).contains("INLINE IMAGE 42");
    }

    @Test
    void theCheckNeedsNoHeapForTheImageWhereRenderingRunsOutOfIt() throws Exception {
        Path bomb = efs.resolve("inbox/inline-bomb-child.pdf");
        Files.write(bomb, pdf(bombImage(), false));
        List<String> report = new ArrayList<>(List.of("pdfBytes=" + Files.size(bomb) + " imagePixels=900000000 heapMB=" + HEAP_MB));

        String checked = readInChild(bomb, "decoder");
        String unchecked = readInChild(bomb, "unchecked");

        report.add("decoder: " + checked.replace('\n', ' '));
        report.add("renderer alone: " + unchecked.replace('\n', ' '));
        Reports.write("pdf-inline-image-bomb.txt", report);
        assertThat(checked).startsWith("DocumentTooLarge: page 1 embeds a 30000x30000 inline image");
        // The control: without the check, this heap cannot hold the image PDFBox decodes.
        assertThat(unchecked).startsWith("OutOfMemoryError");
    }

    private static String readInChild(Path pdf, String mode) throws Exception {
        Path result = temp.resolve(mode + ".result");
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-cp", System.getProperty("java.class.path"), InlineImageBombMain.class.getName(),
                pdf.toString(), result.toString(), mode);
        pb.redirectErrorStream(true).redirectOutput(temp.resolve(mode + ".log").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as(mode + " finished").isTrue();
        assertThat(result).as(Files.readString(temp.resolve(mode + ".log"))).exists();
        return Files.readString(result);
    }

    /** A deflated 30000x30000 8-bit gray inline image: four rows of data, 900 MP declared. */
    private static byte[] bombImage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(data)) {
            out.write(new byte[30_000 * 4]);
        }
        return inline("/W 30000 /H 30000 /BPC 8 /CS /G /F /Fl", data.toByteArray(), "595 0 0 595 0 100 cm");
    }

    /** A 1240x480 scan of a text line as an ASCII-hex inline image across an A4 page's width. */
    private static byte[] textImage(String text) {
        BufferedImage img = Corpus.textPage(text);
        byte[] pixels = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        String hex = HexFormat.of().formatHex(pixels) + ">";
        int height = Math.round(595f * img.getHeight() / img.getWidth());
        return inline("/W " + img.getWidth() + " /H " + img.getHeight() + " /BPC 8 /CS /G /F /AHx",
                hex.getBytes(StandardCharsets.US_ASCII), "595 0 0 " + height + " 0 400 cm");
    }

    private static byte[] inline(String params, byte[] data, String placement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("q " + placement + " BI " + params + " ID ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes("\nEI Q".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** One A4 page whose content is {@code drawing}, directly or inside a form XObject. */
    private static byte[] pdf(byte[] drawing, boolean insideForm) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            byte[] content = drawing;
            if (insideForm) {
                COSStream form = doc.getDocument().createCOSStream();
                form.setItem(COSName.TYPE, COSName.XOBJECT);
                form.setItem(COSName.SUBTYPE, COSName.FORM);
                form.setItem(COSName.BBOX, PDRectangle.A4.getCOSArray());
                try (OutputStream out = form.createOutputStream()) {
                    out.write(drawing);
                }
                COSDictionary xobjects = new COSDictionary();
                xobjects.setItem(COSName.getPDFName("Fm1"), form);
                COSDictionary resources = new COSDictionary();
                resources.setItem(COSName.XOBJECT, xobjects);
                page.setResources(new PDResources(resources));
                content = "q /Fm1 Do Q".getBytes(StandardCharsets.US_ASCII);
            }
            COSStream contents = doc.getDocument().createCOSStream();
            try (OutputStream out = contents.createOutputStream()) {
                out.write(content);
            }
            page.setContents(new PDStream(contents));
            doc.addPage(page);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        }
    }
}
