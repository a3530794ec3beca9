package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.ocr.efs.EfsLayout;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 4 (part): a page that decodes to nothing readable says so. A blank page is {@code BlankPage},
 * a page with ink but no line read (a drawing) is {@code NoTextFound}, in the page's {@code ocr.json} and in the
 * document's outcome ("page 2: BlankPage"); the document stays ok, its readable pages are kept, and a page
 * with text carries no warning.
 */
class UnreadablePageTest extends HandlerOnEfsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pagesThatGiveNoTextCarryAWarningInOcrJsonAndTheOutcome() throws Exception {
        BufferedImage text = Corpus.textPage("RECEIPT 0042 CASH 10.00", "CHANGE 1.50 TOTAL 8.50");
        BufferedImage blank = blankPage(text.getWidth(), text.getHeight());
        Files.write(efs.resolve("inbox/mixed.tif"), Corpus.tiff(text, blank, drawing(text.getWidth(), text.getHeight())));
        Files.write(efs.resolve("inbox/blank.png"), Corpus.blankPng());
        Files.write(efs.resolve("inbox/good.png"), Corpus.goodPng());

        JsonNode r = Invocations.invoke(env, "unreadable", List.of(Invocations.efsDoc("mixed", "inbox/mixed.tif"),
                Invocations.efsDoc("blank", "inbox/blank.png"), Invocations.efsDoc("good", "inbox/good.png")));

        JsonNode mixed = r.get("documents").get(0);
        assertThat(mixed.get("status").asText()).as(mixed.toString()).isEqualTo("ok");
        assertThat(mixed.get("pages").asInt()).isEqualTo(3);
        assertThat(JSON.convertValue(mixed.get("warnings"), List.class))
                .containsExactly("page 2: BlankPage", "page 3: NoTextFound");
        EfsLayout layout = new EfsLayout(efs);
        assertThat(Files.readString(layout.pageText("unreadable", "mixed", 1)).replace(" ", "")).contains("TOTAL8.50");
        assertThat(ocrJson(layout, "mixed", 1).has("warnings")).as("a page with text has no warnings").isFalse();
        assertThat(ocrJson(layout, "mixed", 2).get("warnings").toString()).isEqualTo("[\"BlankPage\"]");
        JsonNode drawing = ocrJson(layout, "mixed", 3);
        assertThat(drawing.get("warnings").toString()).isEqualTo("[\"NoTextFound\"]");
        assertThat(drawing.get("blocks").size()).isZero();

        JsonNode blankDoc = r.get("documents").get(1);
        assertThat(blankDoc.get("status").asText()).isEqualTo("ok");
        assertThat(blankDoc.get("lines").asInt()).isZero();
        assertThat(blankDoc.get("warnings").toString()).isEqualTo("[\"page 1: BlankPage\"]");

        JsonNode good = r.get("documents").get(2);
        assertThat(good.get("status").asText()).isEqualTo("ok");
        assertThat(good.has("warnings")).as(good.toString()).isFalse();
    }

    private static JsonNode ocrJson(EfsLayout layout, String docId, int page) throws Exception {
        return JSON.readTree(layout.documentFiles("unreadable", docId).ocrJson(page).toFile());
    }

    private static BufferedImage blankPage(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** Ink but no text: a large filled disc and a thick frame, as a logo or a photo would be. */
    private static BufferedImage drawing(int width, int height) {
        BufferedImage img = blankPage(width, height);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillOval(width / 2 - 200, height / 2 - 200, 400, 400);
        g.fillRect(40, 40, width - 80, 30);
        g.fillRect(40, height - 70, width - 80, 30);
        g.dispose();
        return img;
    }
}
