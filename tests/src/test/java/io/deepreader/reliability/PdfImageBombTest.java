package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
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
 * Issue 19, case 3: a small PDF whose page draws a 30000x30000 image (900 MP; 8-bit gray would be 900 MB of
 * raster) is refused from the image's dictionary before anything is decoded, directly on the page and
 * nested inside a form XObject; a PDF with a normal embedded image still reads.
 */
class PdfImageBombTest extends HandlerOnEfsTest {
    @Test
    void anEmbeddedGiantImageIsDocumentTooLargeBeforeDecoding() throws Exception {
        Files.write(efs.resolve("inbox/bomb.pdf"), pdfDrawingImage(30_000, 30_000, false));
        Files.write(efs.resolve("inbox/nested.pdf"), pdfDrawingImage(30_000, 30_000, true));
        Files.write(efs.resolve("inbox/small.pdf"), pdfDrawingImage(400, 300, true));
        long heapBefore = usedHeap();

        JsonNode r = Invocations.invoke(env, "pdfbomb", List.of(Invocations.efsDoc("bomb", "inbox/bomb.pdf"),
                Invocations.efsDoc("nested", "inbox/nested.pdf"), Invocations.efsDoc("small", "inbox/small.pdf")));

        JsonNode docs = r.get("documents");
        for (int i = 0; i < 2; i++) {
            assertThat(docs.get(i).get("errorType").asText()).as(docs.get(i).toString()).isEqualTo("DocumentTooLarge");
            assertThat(docs.get(i).get("errorMessage").asText()).contains("30000x30000");
        }
        assertThat(docs.get(2).get("status").asText()).as(docs.get(2).toString()).isEqualTo("ok");
        long growth = usedHeap() - heapBefore;
        Reports.write("pdf-image-bomb.txt", List.of("pdfBytes=" + Files.size(efs.resolve("inbox/bomb.pdf"))
                + " imagePixels=900000000 outcome=DocumentTooLarge heapGrowthAfterGcMB=" + (growth >> 20)));
    }

    /** One A6 page drawing an 8-bit gray image of the given size, whose data is a few deflated zero rows. */
    private static byte[] pdfDrawingImage(int width, int height, boolean insideForm) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            COSStream image = GrayImageXObject.create(doc, width, height, COSName.FLATE_DECODE);
            try (OutputStream raw = image.createRawOutputStream(); DeflaterOutputStream out = new DeflaterOutputStream(raw)) {
                int rows = Math.min(height, 4);
                out.write(new byte[width * rows]);
            }
            COSStream drawn = image;
            String name = "Im1";
            if (insideForm) {
                COSStream form = doc.getDocument().createCOSStream();
                form.setItem(COSName.TYPE, COSName.XOBJECT);
                form.setItem(COSName.SUBTYPE, COSName.FORM);
                form.setItem(COSName.BBOX, new PDRectangle(0, 0, 1, 1).getCOSArray());
                form.setItem(COSName.RESOURCES, xobjects("Im1", image));
                try (OutputStream out = form.createOutputStream()) {
                    out.write("q 1 0 0 1 0 0 cm /Im1 Do Q".getBytes(StandardCharsets.US_ASCII));
                }
                drawn = form;
                name = "Fm1";
            }
            PDPage page = new PDPage(PDRectangle.A6);
            page.setResources(new PDResources(xobjects(name, drawn)));
            COSStream contents = doc.getDocument().createCOSStream();
            try (OutputStream out = contents.createOutputStream()) {
                out.write(("q 200 0 0 150 50 100 cm /" + name + " Do Q").getBytes(StandardCharsets.US_ASCII));
            }
            page.setContents(new PDStream(contents));
            doc.addPage(page);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        }
    }

    private static COSDictionary xobjects(String name, COSStream xobject) {
        COSDictionary xobjects = new COSDictionary();
        xobjects.setItem(COSName.getPDFName(name), xobject);
        COSDictionary resources = new COSDictionary();
        resources.setItem(COSName.XOBJECT, xobjects);
        return resources;
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
