package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 4 (part): a scanned PDF whose page image is JPEG 2000 (JPXDecode). The runtime bundles no JPX
 * decoder (jai-imageio-jpeg2000 is under the JJ2000 licence), and PDFBox then draws the page blank and only
 * logs; the document is now {@code UnsupportedDocument} naming the image, not an ok page with 0 lines.
 * The image is a real JPEG 2000 file: {@code src/test/resources/jpx/receipt-1240x560.jp2}, two lines of 40 px
 * Liberation Mono Bold ("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50") encoded by OpenJPEG 2.5
 * ({@code opj_compress -r 40}, Debian's libopenjp2-tools), 17 KB.
 */
class Jpeg2000InPdfTest extends HandlerOnEfsTest {
    @Test
    void aPdfPageDrawingAJpeg2000ImageIsUnsupportedNotABlankOkPage() throws Exception {
        Assumptions.assumeFalse(ImageIO.getImageReadersByFormatName("JPEG2000").hasNext(),
                "a JPEG 2000 ImageIO reader is on this classpath: the page would be decoded, not refused");
        byte[] jp2;
        try (InputStream in = getClass().getResourceAsStream("/jpx/receipt-1240x560.jp2")) {
            jp2 = in.readAllBytes();
        }
        byte[] pdf = pdfDrawingJpx(jp2, 1240, 560);
        // What the function did before: PDFBox renders the page all white (and only logs the missing decoder).
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage rendered = new PDFRenderer(doc).renderImageWithDPI(0, 150, ImageType.GRAY);
            assertThat(darkPixels(rendered)).as("JPX page rendered without a decoder").isZero();
        }
        Files.write(efs.resolve("inbox/jpx.pdf"), pdf);
        Files.write(efs.resolve("inbox/good.png"), Corpus.goodPng());

        JsonNode r = Invocations.invoke(env, "jpx", List.of(Invocations.efsDoc("jpx", "inbox/jpx.pdf"),
                Invocations.efsDoc("good", "inbox/good.png")));

        JsonNode jpx = r.get("documents").get(0);
        assertThat(jpx.get("status").asText()).as(jpx.toString()).isEqualTo("failed");
        assertThat(jpx.get("errorType").asText()).isEqualTo("UnsupportedDocument");
        assertThat(jpx.get("errorMessage").asText()).contains("JPEG 2000").contains("page 1").contains("1240x560");
        assertThat(r.get("documents").get(1).get("status").asText()).isEqualTo("ok");
        assertThat(new io.deepreader.ocr.efs.EfsLayout(efs).pageText("jpx", "jpx", 1)).as("no blank page published").doesNotExist();
    }

    private static long darkPixels(BufferedImage gray) {
        long dark = 0;
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                if ((gray.getRGB(x, y) & 0xff) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }

    /** One page the size of the image at 150 dpi, drawing the JPEG 2000 file as an image XObject as is. */
    private static byte[] pdfDrawingJpx(byte[] jp2, int width, int height) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            COSStream image = GrayImageXObject.create(doc, width, height, COSName.JPX_DECODE);
            try (OutputStream raw = image.createRawOutputStream()) {
                raw.write(jp2);
            }
            float w = width * 72f / 150;
            float h = height * 72f / 150;
            PDPage page = new PDPage(new PDRectangle(w, h));
            COSDictionary xobjects = new COSDictionary();
            xobjects.setItem(COSName.getPDFName("Im1"), image);
            COSDictionary resources = new COSDictionary();
            resources.setItem(COSName.XOBJECT, xobjects);
            page.setResources(new PDResources(resources));
            COSStream contents = doc.getDocument().createCOSStream();
            try (OutputStream out = contents.createOutputStream()) {
                out.write(("q " + w + " 0 0 " + h + " 0 0 cm /Im1 Do Q").getBytes(StandardCharsets.US_ASCII));
            }
            page.setContents(new PDStream(contents));
            doc.addPage(page);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        }
    }
}
