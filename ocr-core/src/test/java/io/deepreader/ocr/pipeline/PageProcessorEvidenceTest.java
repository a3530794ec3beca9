package io.deepreader.ocr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.testing.Engines;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Which reads become the page's lines is the processor's {@link LineEvidence}; the detections stay whole. */
class PageProcessorEvidenceTest {
    private static GrayImage page() {
        BufferedImage img = new BufferedImage(700, 220, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 700, 220);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
        g.drawString("TOTAL AMOUNT 12.50", 40, 70);
        g.drawString("THANK YOU PLEASE COME AGAIN", 40, 160);
        g.dispose();
        return GrayImage.from(img);
    }

    @Test
    void theEvidenceDecidesWhichReadsAreLines() {
        try (TesseractPool pool = Engines.tesseract(1)) {
            check(new PageProcessor(new Preprocessor(), new MorphologyLineDetector(), pool));
        }
    }

    private static void check(PageProcessor processor) {
        PageProcessor.Processed kept = processor.process("b", "d", 1, page());
        assertThat(kept.result().readingOrderText()).contains("TOTAL").contains("THANK");
        // Only a read of confidence 100 has the evidence to stay here (none has more than 99 letters and digits).
        PageProcessor.Processed strict = processor.withEvidence(new LineEvidence(99, 100)).process("b", "d", 1, page());
        assertThat(kept.result().lines()).anySatisfy(l -> assertThat(l.confidence()).isLessThan(100));
        assertThat(strict.result().lines()).hasSizeLessThan(kept.result().lines().size())
                .allSatisfy(l -> assertThat(l.confidence()).isEqualTo(100));
        assertThat(strict.detections().lines()).hasSameSizeAs(kept.detections().lines()).isNotEmpty();
        if (strict.result().lines().isEmpty()) {
            assertThat(strict.result().warnings()).containsExactly(PageResult.NO_TEXT_FOUND);
        }
    }
}
