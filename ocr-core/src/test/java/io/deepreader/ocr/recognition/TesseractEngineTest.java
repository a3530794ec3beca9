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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch-mode line reading: boxes that hug the ink, at the page edge, and the boxes reported back. */
class TesseractEngineTest {

    @Test
    void readsInkTightBoxesWithAMarginAndReportsTheDetectedBoxes() {
        BufferedImage img = new BufferedImage(700, 140, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = blankPage(img);
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

    @Test
    void scaledLinesReadTheSameTextAndMapWordBoxesBackToThePage() {
        BufferedImage img = new BufferedImage(900, 200, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = blankPage(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        g.drawString("SUBTOTAL 18.90", 300, 40);   // a small line: enlarged
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 60));
        g.drawString("RECEIPT 0042", 20, 150);     // a large line: shrunk
        g.dispose();
        GrayImage page = GrayImage.from(img);
        Box small = inkBounds(page, 0, 70);
        Box large = inkBounds(page, 80, 200);
        TesseractConfig english = TesseractConfig.english(System.getenv("TESSDATA_PREFIX"));
        TesseractConfig scaled = english.withScaling(new LineScaling(32));

        try (TesseractEngine engine = new TesseractEngine(scaled)) {
            List<RecognizedLine> lines = engine.recognizeLines(page, List.of(small, large));

            assertThat(lines).extracting(RecognizedLine::text).containsExactly("SUBTOTAL 18.90", "RECEIPT 0042");
            assertThat(lines).extracting(RecognizedLine::box).containsExactly(small, large);
            // Word boxes are in page pixels: each lies over its line (a few pixels of resampling slack).
            for (int i = 0; i < 2; i++) {
                Box line = lines.get(i).box().padded(4);
                assertThat(lines.get(i).words()).hasSize(2).allSatisfy(w ->
                        assertThat(w.box().intersectionArea(line)).isGreaterThan((long) (0.9 * w.box().area())));
            }
        }
    }

    @Test
    void aPageOfTallLinesIsReadScaledDownWithWordBoxesInThePagesPixels() {
        // A receipt scanned at 600 dpi: lines about 80 px tall, read from a copy whose median line is 32 px.
        BufferedImage img = new BufferedImage(1400, 420, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = blankPage(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 72));
        g.drawString("TOTAL RM 42.50", 40, 110);
        g.drawString("CASH 50.00", 40, 300);
        g.dispose();
        GrayImage page = GrayImage.from(img);
        List<Box> boxes = List.of(inkBounds(page, 0, 200), inkBounds(page, 200, 420));
        assertThat(boxes).allSatisfy(b -> assertThat(b.height()).isGreaterThan(50));
        TesseractConfig english = TesseractConfig.english(System.getenv("TESSDATA_PREFIX"));
        LineScaling capped = LineScaling.inPlace(32);
        assertThat(capped.pageFactor(boxes)).isLessThan(0.65);

        try (TesseractEngine full = new TesseractEngine(english.withScaling(LineScaling.inPlace()));
             TesseractEngine scaled = new TesseractEngine(english.withScaling(capped))) {
            List<RecognizedLine> atFull = full.recognizeLines(page, boxes);
            List<RecognizedLine> atScale = scaled.recognizeLines(page, boxes);

            assertThat(atScale).extracting(RecognizedLine::text).containsExactly("TOTAL RM 42.50", "CASH 50.00")
                    .isEqualTo(atFull.stream().map(RecognizedLine::text).toList());
            assertThat(atScale).extracting(RecognizedLine::box).containsExactlyElementsOf(boxes);
            // Each word box maps back onto the same word read at full size (resampling slack: IoU >= 0.8).
            for (int i = 0; i < boxes.size(); i++) {
                List<io.deepreader.ocr.result.Word> words = atScale.get(i).words();
                assertThat(words).hasSameSizeAs(atFull.get(i).words());
                for (int w = 0; w < words.size(); w++) {
                    assertThat(words.get(w).box().iou(atFull.get(i).words().get(w).box())).isGreaterThan(0.8);
                }
            }
        }
    }

    @Test
    void thePageFactorFollowsTheMedianLineAndNeverEnlarges() {
        List<Box> tall = List.of(new Box(0, 0, 100, 40), new Box(0, 50, 100, 80), new Box(0, 140, 100, 90));
        assertThat(LineScaling.inPlace(32).pageFactor(tall)).isEqualTo(32 / 80.0);
        assertThat(LineScaling.inPlace(100).pageFactor(tall)).isEqualTo(1.0);
        assertThat(LineScaling.inPlace().pageFactor(tall)).isEqualTo(1.0);
        assertThat(LineScaling.inPlace(32).pageFactor(List.of())).isEqualTo(1.0);
    }

    @Test
    void theDefaultConfigNeverEmitsNoiseGlyphsAndTakesTheNextChoice() {
        BufferedImage img = new BufferedImage(700, 80, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = blankPage(img);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 30));
        g.drawString("\u201cSALE\u201d \u00a7 4 \u00a9 2018", 20, 50);
        g.dispose();
        GrayImage page = GrayImage.from(img);
        Box line = inkBounds(page, 0, 80);
        TesseractConfig english = TesseractConfig.english(System.getenv("TESSDATA_PREFIX"));
        assertThat(english.variables()).containsEntry("tessedit_char_blacklist", TesseractConfig.NOISE_GLYPHS);

        String plain;
        try (TesseractEngine engine = new TesseractEngine(english.withVariables(Map.of("tessedit_char_blacklist", "")))) {
            plain = engine.recognizeLines(page, List.of(line)).get(0).text();
        }
        String filtered;
        try (TesseractEngine engine = new TesseractEngine(english)) {
            filtered = engine.recognizeLines(page, List.of(line)).get(0).text();
        }

        // Without the blacklist Tesseract reads the printed glyphs; with it, none of them, the rest unchanged.
        assertThat(plain).containsAnyOf("\u201c", "\u201d", "\u00a7", "\u00a9");
        assertThat(filtered.chars().filter(c -> TesseractConfig.NOISE_GLYPHS.indexOf(c) >= 0)).isEmpty();
        assertThat(filtered).contains("SALE").contains("2018");
    }

    @Test
    void doubtfulLinesAreReadAgainFromTheUnblurredPageAndTheMoreConfidentReadingKept() {
        BufferedImage img = new BufferedImage(700, 160, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = blankPage(img);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        g.drawString("INVOICE TOTAL 42.50", 20, 50);
        g.drawString("PAID BY CARD", 20, 130);
        g.dispose();
        GrayImage page = GrayImage.from(img);
        List<Box> lines = List.of(inkBounds(page, 0, 70), inkBounds(page, 90, 160));
        TesseractConfig english = TesseractConfig.english(System.getenv("TESSDATA_PREFIX"));
        // A blur of a third of the line height leaves the glyphs unreadable.
        StrokeSmoothing heavy = new StrokeSmoothing(0.35);

        List<RecognizedLine> blurred;
        try (TesseractEngine engine = new TesseractEngine(new TesseractConfig(english.tessdata(), "eng", heavy))) {
            blurred = engine.recognizeLines(page, lines);
        }
        List<RecognizedLine> reread;
        try (TesseractEngine engine = new TesseractEngine(new TesseractConfig(english.tessdata(), "eng",
                new StrokeSmoothing(heavy.sigmaPerHeight(), 95)))) {
            reread = engine.recognizeLines(page, lines);
        }

        assertThat(blurred).extracting(RecognizedLine::text).doesNotContain("INVOICE TOTAL 42.50", "PAID BY CARD");
        assertThat(reread).extracting(RecognizedLine::text).containsExactly("INVOICE TOTAL 42.50", "PAID BY CARD");
        assertThat(reread).extracting(RecognizedLine::box).containsExactlyElementsOf(lines);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(reread.get(i).confidence()).isGreaterThanOrEqualTo(blurred.get(i).confidence());
        }
    }

    /** Paints {@code img} white and returns a pen for black anti-aliased text on it. */
    private static Graphics2D blankPage(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
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
