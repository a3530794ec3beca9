package io.deepreader.ocr.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.eval.LongReceipt;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.testing.Engines;
import io.deepreader.ocr.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 4: long receipts lost their small print because the OpenCV detector shrank the page's longest
 * side to 2000 px. Line recall (IoU >= 0.5, one-to-one) on a drawn 1200x20000 receipt and on 8 SROIE receipts
 * of the training split stacked; the measured values go to {@code target/long-receipts/opencv.tsv}.
 */
class LongReceiptDetectionTest {
    private static final Path OUT = Path.of("target", "long-receipts", "opencv.tsv");
    private static final MorphologyLineDetector DETECTOR = new MorphologyLineDetector();

    @BeforeAll
    static void header() throws Exception {
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, "page\tsize\tlines\tprecision\trecall\tcer\n");
    }

    @Test
    void drawnLongReceiptKeepsItsSmallPrint() throws Exception {
        LongReceipt receipt = LongReceipt.rendered(19, 1200, 20000);
        assertThat(receipt.lines()).hasSizeGreaterThan(400);
        LineMatch m = match(receipt, DETECTOR.detect(receipt.page()));
        double cer;
        double blockCer;
        try (TesseractPool pool = Engines.tesseract(2)) {
            PageProcessor processor = new PageProcessor(new Preprocessor(), DETECTOR, pool);
            PageResult result = processor.process("long", receipt.name(), 1, receipt.page()).result();
            cer = TextMetrics.cer(receipt.text(), result.readingOrderText());
            // The page's .txt file is written block by block, as Tesseract's hierarchy groups the lines.
            blockCer = TextMetrics.cer(receipt.text(), result.text());
        }
        record(receipt, m, cer);
        Files.writeString(OUT, String.format("%s block-order text\t\t\t\t\t%.3f%n", receipt.name(), blockCer),
                StandardOpenOption.APPEND);
        // The same print on a page of normal length, which the detector always saw at full size: its recall is
        // what the long page can reach (item lines split at word gaps where the small print sets one closing
        // kernel for the whole page or band).
        LongReceipt normal = LongReceipt.rendered(19, 1200, 2000);
        LineMatch reference = match(normal, DETECTOR.detect(normal.page()));
        record(normal, reference, Double.NaN);
        // Before bands (2000 px longest side, 0.1 scale): recall 0.000, CER 1.000.
        assertThat(m.recall()).isGreaterThan(0.6).isGreaterThan(reference.recall() - 0.05);
        assertThat(cer).isLessThan(0.05);
    }

    @Test
    void stackedSroieReceiptsKeepTheirLines() throws Exception {
        // Training-split receipts (250-299 is the split settings are chosen on); 300-399 is never used here.
        LongReceipt stack = LongReceipt.stacked("sroie-250-257", SroieReceipt.loadRange(SharedData.sroie(), 250, 258));
        assertThat(stack.page().height()).isGreaterThan(4 * stack.page().width());
        LineMatch m = match(stack, DETECTOR.detect(stack.page()));
        record(stack, m, Double.NaN);
        // The same receipts one page each: what the stack should come close to.
        LineMatch alone = new LineMatch(0, 0, 0);
        for (SroieReceipt r : SroieReceipt.loadRange(SharedData.sroie(), 250, 258)) {
            LongReceipt single = LongReceipt.stacked(r.id(), List.of(r));
            alone = alone.plus(match(single, DETECTOR.detect(single.page())));
        }
        record(new LongReceipt("sroie-250-257-one-by-one", stack.page(), stack.lines()), alone, Double.NaN);
        // Before bands: recall 0.177 (the stack shrank to 117x2000).
        assertThat(m.recall()).isGreaterThan(0.8).isGreaterThan(alone.recall() - 0.03);
    }

    static LineMatch match(LongReceipt receipt, List<DetectedLine> found) {
        for (DetectedLine l : found) {
            assertThat(l.box().right()).isLessThanOrEqualTo(receipt.page().width());
            assertThat(l.box().bottom()).isLessThanOrEqualTo(receipt.page().height());
        }
        return LineMatch.of(receipt.boxes(), found.stream().map(DetectedLine::box).toList(), 0.5);
    }

    private static void record(LongReceipt r, LineMatch m, double cer) throws Exception {
        Files.writeString(OUT, String.format("%s\t%dx%d\t%d\t%.3f\t%.3f\t%.3f%n", r.name(), r.page().width(),
                r.page().height(), m.truths(), m.precision(), m.recall(), cer), StandardOpenOption.APPEND);
    }
}
