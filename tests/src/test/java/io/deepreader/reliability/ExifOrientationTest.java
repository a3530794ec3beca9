package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.ocr.efs.EfsLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 4 (part): a phone photo is stored sideways with an EXIF Orientation tag saying how to show it.
 * The page is turned upright by the tag before preprocessing (with orientation detection off), and
 * {@code ocr.json} keeps the stored image's size and boxes, with {@code orientationDegrees} naming the turn.
 * A front camera's mirrored values (2, 4, 5, 7) are flipped left to right first, and {@code mirrored} says so.
 */
class ExifOrientationTest extends HandlerOnEfsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exifOrientationTurnsThePageUprightAndBoxesStayInTheStoredPixels() throws Exception {
        BufferedImage page = Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50");
        // Stored pixels per tag: 6 = shown turned 90° clockwise, so stored 90° counter-clockwise; 8 the reverse.
        Map<String, Integer> expectedDegrees = Map.of("exif3", 180, "exif6", 270, "exif8", 90);
        Files.write(efs.resolve("inbox/exif3.jpg"), withExifOrientation(Corpus.jpeg(rotate(page, 2)), 3));
        Files.write(efs.resolve("inbox/exif6.jpg"), withExifOrientation(Corpus.jpeg(rotate(page, 3)), 6));
        Files.write(efs.resolve("inbox/exif8.jpg"), withExifOrientation(Corpus.jpeg(rotate(page, 1)), 8));
        // The same sideways pixels without the tag: what every phone photo read like before.
        Files.write(efs.resolve("inbox/untagged.jpg"), Corpus.jpeg(rotate(page, 3)));
        Files.write(efs.resolve("inbox/upright1.jpg"), withExifOrientation(Corpus.jpeg(page), 1));

        JsonNode r = Invocations.invoke(env, "exif", List.of(Invocations.efsDoc("exif3", "inbox/exif3.jpg"),
                Invocations.efsDoc("exif6", "inbox/exif6.jpg"), Invocations.efsDoc("exif8", "inbox/exif8.jpg"),
                Invocations.efsDoc("untagged", "inbox/untagged.jpg"),
                Invocations.efsDoc("upright1", "inbox/upright1.jpg")));

        EfsLayout layout = new EfsLayout(efs);
        for (JsonNode doc : r.get("documents")) {
            String docId = doc.get("docId").asText();
            assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("ok");
            String text = Files.readString(layout.pageText("exif", docId, 1)).replace(" ", "");
            JsonNode ocr = JSON.readTree(layout.documentFiles("exif", docId).ocrJson(1).toFile());
            boolean sideways = !docId.equals("exif3") && !docId.equals("upright1");
            int storedWidth = sideways ? page.getHeight() : page.getWidth();
            int storedHeight = sideways ? page.getWidth() : page.getHeight();
            assertThat(ocr.get("width").asInt()).as(docId).isEqualTo(storedWidth);
            assertThat(ocr.get("height").asInt()).as(docId).isEqualTo(storedHeight);
            if (docId.equals("untagged")) {
                assertThat(text).as("no tag, no turn").doesNotContain("TOTAL8.50");
                assertThat(ocr.get("orientationDegrees").asInt()).isZero();
                continue;
            }
            assertThat(text).as(docId).contains("TOTAL8.50").contains("RECEIPT0042");
            assertThat(ocr.get("orientationDegrees").asInt()).as(docId)
                    .isEqualTo(expectedDegrees.getOrDefault(docId, 0));
            int lines = 0;
            for (JsonNode block : ocr.get("blocks")) {
                for (JsonNode line : block.get("lines")) {
                    JsonNode box = line.get("box");
                    lines++;
                    assertThat(box.get("x").asInt()).as(docId).isBetween(0, storedWidth - 1);
                    assertThat(box.get("y").asInt()).as(docId).isBetween(0, storedHeight - 1);
                    assertThat(box.get("x").asInt() + box.get("width").asInt()).as(docId).isLessThanOrEqualTo(storedWidth);
                    assertThat(box.get("y").asInt() + box.get("height").asInt()).as(docId).isLessThanOrEqualTo(storedHeight);
                    // A text line is wide and short when upright: in the stored pixels of a sideways photo it is tall.
                    if (sideways) {
                        assertThat(box.get("height").asInt()).as(docId).isGreaterThan(box.get("width").asInt());
                    } else {
                        assertThat(box.get("width").asInt()).as(docId).isGreaterThan(box.get("height").asInt());
                    }
                }
            }
            assertThat(lines).as(docId).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void mirroredExifOrientationsAreFlippedAndTurnedAndBoxesStayOnTheStoredInk() throws Exception {
        BufferedImage page = Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50");
        // Stored pixels per tag (EXIF 2.3, tag 274): what the viewer's flip-then-turn makes upright again.
        Map<Integer, BufferedImage> stored = Map.of(2, mirror(page, (x, y) -> new int[] {page.getWidth() - 1 - x, y}, false),
                4, mirror(page, (x, y) -> new int[] {x, page.getHeight() - 1 - y}, false),
                5, mirror(page, (x, y) -> new int[] {y, x}, true),
                7, mirror(page, (x, y) -> new int[] {page.getHeight() - 1 - y, page.getWidth() - 1 - x}, true));
        Map<Integer, Integer> expectedDegrees = Map.of(2, 0, 4, 180, 5, 90, 7, 270);
        List<Map<String, String>> docs = new java.util.ArrayList<>();
        for (int tag : List.of(2, 4, 5, 7)) {
            Files.write(efs.resolve("inbox/mirror" + tag + ".jpg"), withExifOrientation(Corpus.jpeg(stored.get(tag)), tag));
            docs.add(Invocations.efsDoc("mirror" + tag, "inbox/mirror" + tag + ".jpg"));
        }
        // Tag 2's pixels without the tag: mirrored text, as every tagged front-camera photo read before.
        Files.write(efs.resolve("inbox/mirror-untagged.jpg"), Corpus.jpeg(stored.get(2)));
        docs.add(Invocations.efsDoc("mirror-untagged", "inbox/mirror-untagged.jpg"));

        JsonNode r = Invocations.invoke(env, "mirror", docs);

        EfsLayout layout = new EfsLayout(efs);
        for (JsonNode doc : r.get("documents")) {
            String docId = doc.get("docId").asText();
            assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("ok");
            String text = Files.readString(layout.pageText("mirror", docId, 1)).replace(" ", "");
            JsonNode ocr = JSON.readTree(layout.documentFiles("mirror", docId).ocrJson(1).toFile());
            if (docId.equals("mirror-untagged")) {
                assertThat(text).as("no tag, no flip").doesNotContain("TOTAL8.50");
                assertThat(ocr.has("mirrored")).isFalse();
                continue;
            }
            int tag = Integer.parseInt(docId.substring("mirror".length()));
            BufferedImage pixels = javax.imageio.ImageIO.read(efs.resolve("inbox/" + docId + ".jpg").toFile());
            assertThat(text).as(docId).contains("TOTAL8.50").contains("RECEIPT0042");
            assertThat(ocr.get("mirrored").asBoolean()).as(docId).isTrue();
            assertThat(ocr.get("orientationDegrees").asInt()).as(docId).isEqualTo(expectedDegrees.get(tag));
            assertThat(ocr.get("width").asInt()).as(docId).isEqualTo(pixels.getWidth());
            assertThat(ocr.get("height").asInt()).as(docId).isEqualTo(pixels.getHeight());
            // Boxes in the stored pixels: the line boxes hold the stored image's ink (a box left unflipped would sit
            // on the empty side of the page: the text starts 150 px from the left edge and ends far from the right).
            boolean[] inBox = new boolean[pixels.getWidth() * pixels.getHeight()];
            int lines = 0;
            for (JsonNode block : ocr.get("blocks")) {
                for (JsonNode line : block.get("lines")) {
                    JsonNode box = line.get("box");
                    lines++;
                    int x0 = box.get("x").asInt();
                    int y0 = box.get("y").asInt();
                    assertThat(x0 + box.get("width").asInt()).as(docId).isLessThanOrEqualTo(pixels.getWidth());
                    assertThat(y0 + box.get("height").asInt()).as(docId).isLessThanOrEqualTo(pixels.getHeight());
                    for (int y = y0; y < y0 + box.get("height").asInt(); y++) {
                        for (int x = x0; x < x0 + box.get("width").asInt(); x++) {
                            inBox[y * pixels.getWidth() + x] = true;
                        }
                    }
                }
            }
            assertThat(lines).as(docId).isGreaterThanOrEqualTo(2);
            long ink = 0;
            long covered = 0;
            for (int y = 0; y < pixels.getHeight(); y++) {
                for (int x = 0; x < pixels.getWidth(); x++) {
                    if ((pixels.getRGB(x, y) & 0xff) < 128) {
                        ink++;
                        covered += inBox[y * pixels.getWidth() + x] ? 1 : 0;
                    }
                }
            }
            assertThat((double) covered / ink).as(docId + ": stored ink inside the line boxes").isGreaterThan(0.95);
            // Reading order is taken on the page flipped back and turned: the first line first.
            String ordered = io.deepreader.ocr.result.ResultJson.mapper().readValue(
                    layout.documentFiles("mirror", docId).ocrJson(1).toFile(), io.deepreader.ocr.result.PageResult.class)
                    .readingOrderText().replace(" ", "");
            assertThat(ordered.indexOf("RECEIPT0042")).as(docId + ": " + ordered).isNotNegative()
                    .isLessThan(ordered.indexOf("TOTAL8.50"));
        }
    }

    /** The page's pixels moved by {@code to} (a flip, transpose or transverse); {@code swap}: width and height trade. */
    static BufferedImage mirror(BufferedImage src, java.util.function.BiFunction<Integer, Integer, int[]> to,
                                        boolean swap) {
        BufferedImage out = new BufferedImage(swap ? src.getHeight() : src.getWidth(),
                swap ? src.getWidth() : src.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int[] p = to.apply(x, y);
                out.setRGB(p[0], p[1], src.getRGB(x, y));
            }
        }
        return out;
    }

    /** {@code quarterTurns} × 90° clockwise. */
    static BufferedImage rotate(BufferedImage src, int quarterTurns) {
        int w = src.getWidth();
        int h = src.getHeight();
        boolean swap = quarterTurns % 2 == 1;
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = src.getRGB(x, y);
                switch (quarterTurns) {
                    case 1 -> out.setRGB(h - 1 - y, x, rgb);
                    case 2 -> out.setRGB(w - 1 - x, h - 1 - y, rgb);
                    default -> out.setRGB(y, w - 1 - x, rgb);
                }
            }
        }
        return out;
    }

    /**
     * An APP1 Exif segment after SOI and the encoder's JFIF APP0 (which must come first): a big-endian TIFF header and one IFD0 entry, Orientation (0x0112,
     * SHORT, count 1), as Exif 2.3 section 4.5 lays it out.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
                0, 1, // one entry
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
                0, 0, 0, 0}; // no next IFD
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        int at = 2; // after SOI
        if ((jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xE0) {
            at += 2 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        int length = exif.length + 2;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.write(exif, 0, exif.length);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }
}
