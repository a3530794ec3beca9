package io.deepreader.ctpn;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.ModelStore;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.eval.LongReceipt;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.ScaledPage;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 4, with the shipped CTPN: its input shrank a page's longest side to 1280 px, so a long
 * receipt's print became a few pixels high. Line recall (IoU >= 0.5, one-to-one) on a drawn 1200x20000 receipt
 * and on 8 stacked SROIE training receipts; the measured values go to {@code target/long-receipts/ctpn.tsv}.
 */
class LongReceiptCtpnTest {
    private static final Path OUT = Path.of("target", "long-receipts", "ctpn.tsv");
    private static CtpnModelLoader loader;
    private static CtpnDetector detector;

    @BeforeAll
    static void load() throws Exception {
        loader = new CtpnModelLoader(new ModelStore(ShippedModelTest.repositoryRoot()), null, 2);
        detector = new CtpnDetector(loader.get());
        Files.createDirectories(OUT.getParent());
        Files.writeString(OUT, "page\tsize\tlines\tprecision\trecall\n");
    }

    @AfterAll
    static void close() {
        loader.close();
    }

    static Path sroie() {
        Path data = Path.of(System.getProperty("shared.dir", "../shared")).resolve("data").resolve("sroie-dev");
        assertThat(data).as("shared SROIE data").isDirectory();
        return data;
    }

    @Test
    void drawnLongReceiptKeepsItsSmallPrint() throws Exception {
        LongReceipt receipt = LongReceipt.rendered(19, 1200, 20000);
        LineMatch m = match(receipt, detector.detect(receipt.page()));
        double cer;
        try (TesseractPool pool = new TesseractPool(TesseractConfig.english(System.getenv("TESSDATA_PREFIX")), 2)) {
            PageProcessor processor = new PageProcessor(new Preprocessor(), detector, pool);
            String text = processor.process("long", receipt.name(), 1, receipt.page()).result().readingOrderText();
            cer = TextMetrics.cer(receipt.text(), text);
        }
        record(receipt.name() + String.format(" (page CER %.3f)", cer), receipt, m);
        // Before bands (1280 px longest side, 0.064 scale): recall 0.000.
        assertThat(m.recall()).isGreaterThan(0.9);
        assertThat(cer).isLessThan(0.05);
    }

    @Test
    void normalReceiptsTakeTheSingleResize() throws Exception {
        int maxSide = loader.get().manifest().input().maxSide();
        for (SroieReceipt r : SroieReceipt.loadRange(sroie(), 250, 253)) {
            GrayImage page = GrayImage.from(ImageIO.read(r.image().toFile()));
            ScaledPage scaled = ScaledPage.of(page, maxSide);
            List<DetectedLine> single = detector.lines(page, scaled, detector.infer(scaled.image()));
            assertThat(single).isNotEmpty();
            assertThat(detector.detect(page)).as(r.id()).isEqualTo(single);
        }
    }

    @Test
    void stackedSroieReceiptsKeepTheirLines() throws Exception {
        // Training-split receipts (250-299 is the split settings are chosen on); 300-399 is never used here.
        List<SroieReceipt> receipts = SroieReceipt.loadRange(sroie(), 250, 258);
        LongReceipt stack = LongReceipt.stacked("sroie-250-257", receipts);
        LineMatch m = match(stack, detector.detect(stack.page()));
        record(stack.name(), stack, m);
        LineMatch alone = new LineMatch(0, 0, 0);
        for (SroieReceipt r : receipts) {
            LongReceipt single = LongReceipt.stacked(r.id(), List.of(r));
            alone = alone.plus(match(single, detector.detect(single.page())));
        }
        record("sroie-250-257-one-by-one", stack, alone);
        // Before bands: recall 0.000 (the stack shrank to 75x1280).
        assertThat(m.recall()).isGreaterThan(0.83).isGreaterThan(alone.recall() - 0.03);
    }

    private static LineMatch match(LongReceipt receipt, List<DetectedLine> found) {
        for (DetectedLine l : found) {
            assertThat(l.box().right()).isLessThanOrEqualTo(receipt.page().width());
            assertThat(l.box().bottom()).isLessThanOrEqualTo(receipt.page().height());
        }
        return LineMatch.of(receipt.boxes(), found.stream().map(DetectedLine::box).toList(), 0.5);
    }

    private static void record(String name, LongReceipt r, LineMatch m) throws Exception {
        Files.writeString(OUT, String.format("%s\t%dx%d\t%d\t%.3f\t%.3f%n", name, r.page().width(), r.page().height(),
                m.truths(), m.precision(), m.recall()), StandardOpenOption.APPEND);
    }
}
