package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 4 (part): black ink on a transparent background, in the three PNG forms that carry
 * transparency, reads as text (composited on white) instead of an all-black page with 0 lines.
 */
class TransparentImageTest extends HandlerOnEfsTest {
    @Test
    void inkOnTransparencyIsReadInRgbaGrayAlphaAndPalettePngs() throws Exception {
        BufferedImage page = Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50");
        Files.write(efs.resolve("inbox/rgba.png"), Corpus.png(rgba(page)));
        Files.write(efs.resolve("inbox/gray-alpha.png"), Corpus.png(grayAlpha(page)));
        Files.write(efs.resolve("inbox/palette-trns.png"), Corpus.png(palette(page)));

        JsonNode r = Invocations.invoke(env, "alpha", List.of(Invocations.efsDoc("rgba", "inbox/rgba.png"),
                Invocations.efsDoc("gray-alpha", "inbox/gray-alpha.png"),
                Invocations.efsDoc("palette-trns", "inbox/palette-trns.png")));

        EfsLayout layout = new EfsLayout(efs);
        for (JsonNode doc : r.get("documents")) {
            assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("ok");
            assertThat(doc.get("lines").asInt()).as(doc.toString()).isGreaterThanOrEqualTo(2);
            String text = Files.readString(layout.pageText("alpha", doc.get("docId").asText(), 1));
            assertThat(text.replace(" ", "")).as(doc.get("docId").asText()).contains("TOTAL8.50");
        }
    }

    /** Alpha is the ink (255 - gray), colour black: the background is fully transparent black. */
    private static BufferedImage rgba(BufferedImage gray) {
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                out.setRGB(x, y, (255 - (gray.getRGB(x, y) & 0xff)) << 24);
            }
        }
        return out;
    }

    private static BufferedImage grayAlpha(BufferedImage gray) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(gray.getWidth(), gray.getHeight());
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                raster.setPixel(x, y, new int[] {0, 255 - (gray.getRGB(x, y) & 0xff)});
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** Two palette entries: 0 transparent black (tRNS), 1 opaque black. */
    private static BufferedImage palette(BufferedImage gray) {
        byte[] zero = {0, 0};
        IndexColorModel model = new IndexColorModel(1, 2, zero, zero, zero, new byte[] {0, (byte) 255});
        BufferedImage out = new BufferedImage(gray.getWidth(), gray.getHeight(), BufferedImage.TYPE_BYTE_BINARY, model);
        WritableRaster raster = out.getRaster();
        for (int y = 0; y < gray.getHeight(); y++) {
            for (int x = 0; x < gray.getWidth(); x++) {
                raster.setSample(x, y, 0, (gray.getRGB(x, y) & 0xff) < 128 ? 1 : 0);
            }
        }
        return out;
    }
}
