package io.deepreader.ocr.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch-mode line reading: boxes that hug the ink, at the page edge, and the boxes reported back. */
class TesseractEngineTest {

    @Test
    void readsInkTightBoxesWithAMarginAndReportsTheDetectedBoxes() {
        BufferedImage img = new BufferedImage(700, 140, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        g.drawString("INVOICE TOTAL 42.50", 20, 50);
        g.drawString("PAID BY CARD", 4, 130); // touches the page's left and bottom edges once padded
        g.dispose();
        GrayImage page = GrayImage.from(img);
        Box first = inkBounds(page, 0, 70);
        Box second = inkBounds(page, 90, 140);

        try (TesseractEngine engine = new TesseractEngine(TesseractConfig.english(System.getenv("TESSDATA_PREFIX")))) {
            List<RecognizedLine> lines = engine.recognizeLines(page, List.of(first, second));

            assertThat(lines).extracting(RecognizedLine::box).containsExactly(first, second);
            assertThat(lines.get(0).text()).isEqualTo("INVOICE TOTAL 42.50");
            assertThat(lines.get(1).text()).isEqualTo("PAID BY CARD");
            assertThat(lines.get(0).words()).hasSize(3).allSatisfy(w -> assertThat(w.box().iou(first)).isPositive());
        }
    }

    /** The exact bounding box of dark pixels between rows top (inclusive) and bottom (exclusive). */
    private static Box inkBounds(GrayImage page, int top, int bottom) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int y = top; y < bottom; y++) {
            for (int x = 0; x < page.width(); x++) {
                if (page.at(x, y) < 128) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
