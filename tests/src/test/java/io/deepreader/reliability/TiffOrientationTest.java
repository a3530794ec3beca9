package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 4 (part): a TIFF page's Orientation tag (274, TIFF 6.0; the values EXIF took from it) is applied
 * as a JPEG's EXIF one is: the page is turned (mirrored ones flipped first) before preprocessing, with orientation
 * detection off. Each page of a multi-page TIFF has its own tag, so one document holds pages tagged 3, 6, 8 and 2,
 * an upright one tagged 1, and sideways pixels without the tag.
 */
class TiffOrientationTest extends HandlerOnEfsTest {
    /** Per page: the tag written (0: none) and what the pixels are, so that the tag shows them upright. */
    private static final int[] TAGS = {3, 6, 8, 2, 1, 0};
    private static final int[] DEGREES = {180, 270, 90, 0, 0, 0};

    @Test
    void eachTiffPageIsTurnedByItsOwnOrientationTag() throws Exception {
        BufferedImage page = Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50");
        BufferedImage[] stored = {
                ExifOrientationTest.rotate(page, 2),
                ExifOrientationTest.rotate(page, 3),
                ExifOrientationTest.rotate(page, 1),
                ExifOrientationTest.mirror(page, (x, y) -> new int[] {page.getWidth() - 1 - x, y}, false),
                page,
                ExifOrientationTest.rotate(page, 3)};
        Files.write(efs.resolve("inbox/tagged.tif"), taggedTiff(stored, TAGS));

        JsonNode r = Invocations.invoke(env, "tiff", List.of(Invocations.efsDoc("tagged", "inbox/tagged.tif")));

        JsonNode doc = r.get("documents").get(0);
        assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("ok");
        assertThat(doc.get("pages").asInt()).isEqualTo(TAGS.length);
        EfsLayout layout = new EfsLayout(efs);
        for (int i = 0; i < TAGS.length; i++) {
            int n = i + 1;
            String name = "page " + n + " (tag " + TAGS[i] + ")";
            String text = Files.readString(layout.pageText("tiff", "tagged", n)).replace(" ", "");
            PageResult ocr = ResultJson.mapper().readValue(layout.ocrJson("tiff", "tagged", n).toFile(), PageResult.class);
            assertThat(ocr.width()).as(name).isEqualTo(stored[i].getWidth());
            assertThat(ocr.height()).as(name).isEqualTo(stored[i].getHeight());
            if (TAGS[i] == 0) {
                assertThat(text).as(name + ": no tag, no turn").doesNotContain("TOTAL8.50");
                assertThat(ocr.orientationDegrees()).isZero();
                continue;
            }
            assertThat(text).as(name).contains("RECEIPT0042").contains("TOTAL8.50");
            assertThat(ocr.orientationDegrees()).as(name).isEqualTo(DEGREES[i]);
            assertThat(ocr.mirrored()).as(name).isEqualTo(TAGS[i] == 2);
            String ordered = ocr.readingOrderText().replace(" ", "");
            assertThat(ordered.indexOf("RECEIPT0042")).as(name + ": " + ordered).isNotNegative()
                    .isLessThan(ordered.indexOf("TOTAL8.50"));
            for (var block : ocr.blocks()) {
                for (var line : block.lines()) {
                    // The boxes stay in the stored pixels: tall lines on a sideways page.
                    assertThat(line.box().x() + line.box().width()).as(name).isLessThanOrEqualTo(ocr.width());
                    assertThat(line.box().y() + line.box().height()).as(name).isLessThanOrEqualTo(ocr.height());
                    boolean sideways = DEGREES[i] % 180 != 0;
                    assertThat(line.box().height() > line.box().width()).as(name + " " + line.box()).isEqualTo(sideways);
                }
            }
        }
    }

    /** A multi-page TIFF from the JDK's writer, page {@code i} with Orientation {@code tags[i]} (0: no tag). */
    static byte[] taggedTiff(BufferedImage[] pages, int[] tags) throws IOException {
        ImageWriter writer = null;
        for (var writers = ImageIO.getImageWritersByFormatName("tiff"); writers.hasNext(); ) {
            ImageWriter w = writers.next();
            if (writer == null && w.getClass().getName().startsWith("com.sun.imageio.")) {
                writer = w;
            } else {
                w.dispose();
            }
        }
        assertThat(writer).as("the JDK's TIFF writer").isNotNull();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < pages.length; i++) {
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(pages[i]),
                        writer.getDefaultWriteParam());
                if (tags[i] != 0) {
                    TIFFDirectory dir = TIFFDirectory.createFromMetadata(metadata);
                    dir.addTIFFField(new TIFFField(BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_ORIENTATION),
                            TIFFTag.TIFF_SHORT, 1, new char[] {(char) tags[i]}));
                    metadata = dir.getAsMetadata();
                }
                writer.writeToSequence(new IIOImage(pages[i], null, metadata), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
