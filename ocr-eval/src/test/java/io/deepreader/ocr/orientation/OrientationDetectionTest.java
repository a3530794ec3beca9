package io.deepreader.ocr.orientation;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentStatus;
import io.deepreader.ocr.pipeline.DocumentTask;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.ocr.testing.Engines;
import io.deepreader.ocr.testing.QuarterTurns;
import io.deepreader.ocr.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pages scanned at 90/180/270 degrees are turned upright by Tesseract's OSD; upright pages are never turned. */
class OrientationDetectionTest {
    private static TesseractPool pool;
    private static OrientationDetector detector;
    @TempDir
    Path efs;

    @BeforeAll
    static void engines() {
        pool = Engines.tesseract(1);
        detector = OrientationDetector.create(pool, true);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    private PageResult ocr(byte[] bytes) throws Exception {
        DocumentOutcome outcome = Engines.pipeline(efs, pool).process("orientation", new DocumentTask("doc-1", () -> bytes));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(DocumentStatus.OK);
        return ResultJson.mapper().readValue(new EfsLayout(efs).ocrJson("orientation", "doc-1", 1).toFile(), PageResult.class);
    }

    private static byte[] png(GrayImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image.toBufferedImage(), "png", out);
        return out.toByteArray();
    }

    private static GrayImage read(Path file) throws Exception {
        return GrayImage.from(ImageIO.read(file.toFile()));
    }

    private static String phototestTruth() throws Exception {
        return Files.readString(SharedData.tesseractTesting("phototest.txt"));
    }

    @Test
    void phototestrotReadsWithinFivePercentCer() throws Exception {
        PageResult page = ocr(Files.readAllBytes(SharedData.tesseractTesting("phototestrot.tif")));
        double cer = TextMetrics.cer(phototestTruth(), page.readingOrderText());
        System.out.printf("phototestrot.tif orientation=%d CER=%.4f OSD %d ms of %d ms page%n", page.orientationDegrees(), cer,
                page.timingsMs().get("orientationMs"), pageMillis(page));
        // phototestrot.tif is phototest.tif turned 270 degrees clockwise (90 counter-clockwise).
        assertThat(page.orientationDegrees()).isEqualTo(270);
        assertThat(cer).isLessThanOrEqualTo(0.05);
        assertThat(page.lines()).allSatisfy(line -> {
            assertThat(line.box().right()).isLessThanOrEqualTo(page.width());
            assertThat(line.box().bottom()).isLessThanOrEqualTo(page.height());
            // On the sideways page a text line is taller than wide.
            if (line.text().length() > 10) {
                assertThat(line.box().height()).isGreaterThan(line.box().width());
            }
        });
    }

    /**
     * Generated turns of phototest.tif: the text reads as well as upright, and every line box, mapped back to
     * the turned page's pixels, lands where the same line's upright box lands after the same turn.
     */
    @ParameterizedTest
    @ValueSource(ints = {90, 180, 270})
    void turnedPhototestReadsAndBoxesMapToTheTurnedPixels(int degrees) throws Exception {
        GrayImage upright = read(SharedData.tesseractTesting("phototest.tif"));
        PageResult straight = ocr(png(upright));
        PageResult turned = ocr(png(QuarterTurns.clockwise(upright, degrees)));
        double cer = TextMetrics.cer(phototestTruth(), turned.readingOrderText());
        System.out.printf("phototest turned %d: detected %d CER=%.4f OSD %d ms of %d ms page%n", degrees,
                turned.orientationDegrees(), cer, turned.timingsMs().get("orientationMs"), pageMillis(turned));

        assertThat(straight.orientationDegrees()).isZero();
        assertThat(turned.orientationDegrees()).isEqualTo(degrees);
        assertThat(turned.width()).isEqualTo(degrees == 180 ? upright.width() : upright.height());
        assertThat(cer).isLessThanOrEqualTo(0.05);
        int matched = 0;
        for (Line line : straight.lines()) {
            Line same = turned.lines().stream().filter(l -> l.text().equals(line.text())).findFirst().orElse(null);
            if (same == null) {
                continue;
            }
            matched++;
            var expected = QuarterTurns.clockwise(line.box(), degrees, upright.width(), upright.height());
            assertThat(same.box().iou(expected)).as("%s: %s vs %s", line.text(), same.box(), expected).isGreaterThan(0.9);
        }
        assertThat(matched).isGreaterThanOrEqualTo(straight.lines().size() - 2);
    }

    @Test
    void uprightRegressionPagesStayUpright() throws Exception {
        for (String name : new String[] {"phototest.tif", "eurotext.tif", "8071_093.3B.tif", "8087_054.3B.tif"}) {
            long start = System.nanoTime();
            PageOrientation o = detector.detect(read(SharedData.tesseractTesting(name)));
            System.out.printf("%s: orientation %d (OSD said %d, confidence %.2f) in %d ms%n", name, o.degrees(),
                    o.detected(), o.confidence(), Math.round((System.nanoTime() - start) / 1e6));
            assertThat(o.degrees()).as(name).isZero();
        }
    }

    /**
     * All 100 receipts of the report split are upright: none may be turned. OSD itself reads about a fifth of
     * them as 180 degrees with low confidence; the threshold must hold every one of those back.
     */
    @Test
    void uprightSroieReceiptsAreNeverTurned() throws Exception {
        List<String> turned = new ArrayList<>();
        int osdSaidTurned = 0;
        float worst = 0;
        long osdNanos = 0;
        for (int id = 300; id < 400; id++) {
            GrayImage receipt = read(SharedData.sroie().resolve("img").resolve(String.format("%03d.jpg", id)));
            long start = System.nanoTime();
            PageOrientation o = detector.detect(receipt);
            osdNanos += System.nanoTime() - start;
            if (o.detected() != 0) {
                osdSaidTurned++;
                worst = Math.max(worst, o.confidence());
            }
            if (o.degrees() != 0) {
                turned.add(id + ": " + o);
            }
        }
        System.out.printf("SROIE 300-399: turned %d, OSD's own answer not 0 on %d (highest confidence %.2f, threshold %.1f),"
                + " OSD %.0f ms/page%n", turned.size(), osdSaidTurned, worst, OrientationDetector.MIN_CONFIDENCE, osdNanos / 1e6 / 100);
        assertThat(turned).isEmpty();
    }

    /** What orientation detection adds to a receipt's page time (printed, not asserted: 2 shared cores). */
    @Test
    void costOnTwentyReceipts() throws Exception {
        PageProcessor with = new PageProcessor(detector, new Preprocessor(), new MorphologyLineDetector(), pool);
        PageProcessor without = new PageProcessor(new Preprocessor(), new MorphologyLineDetector(), pool);
        long withMs = 0;
        long withoutMs = 0;
        long osdMs = 0;
        for (int id = 300; id < 320; id++) {
            GrayImage receipt = read(SharedData.sroie().resolve("img").resolve(String.format("%03d.jpg", id)));
            long t0 = System.nanoTime();
            PageResult a = with.process("cost", "r" + id, 1, receipt).result();
            long t1 = System.nanoTime();
            PageResult b = without.process("cost", "r" + id, 1, receipt).result();
            long t2 = System.nanoTime();
            withMs += Math.round((t1 - t0) / 1e6);
            withoutMs += Math.round((t2 - t1) / 1e6);
            osdMs += a.timingsMs().get("orientationMs");
            assertThat(a.orientationDegrees()).isZero();
            assertThat(a.text()).isEqualTo(b.text());
            assertThat(b.timingsMs()).doesNotContainKey("orientationMs");
        }
        System.out.printf("SROIE 300-319: page %d ms with orientation detection, %d ms without (+%.0f%%); OSD %d ms/page%n",
                withMs / 20, withoutMs / 20, 100.0 * (withMs - withoutMs) / withoutMs, osdMs / 20);
    }

    @Test
    void tinyAndBlankPagesAreSkippedWithoutCallingOsd() throws Exception {
        GrayImage tiny = new GrayImage(40, 30, new byte[40 * 30]);
        byte[] white = new byte[1200 * 1600];
        java.util.Arrays.fill(white, (byte) 0xff);
        GrayImage blank = new GrayImage(1200, 1600, white);
        assertThat(detector.detect(tiny)).isEqualTo(PageOrientation.UPRIGHT_UNCHECKED);
        assertThat(detector.detect(blank)).isEqualTo(PageOrientation.UPRIGHT_UNCHECKED);
        assertThat(detector.enabled()).isTrue();
        PageResult page = ocr(png(blank));
        assertThat(page.orientationDegrees()).isZero();
        assertThat(page.lines()).isEmpty();
    }

    @Test
    void missingOsdModelSkipsDetectionAndStillReads(@TempDir Path tessdata) throws Exception {
        Path eng = pool.config().tessdata().resolve("eng.traineddata");
        Files.createSymbolicLink(tessdata.resolve("eng.traineddata"), eng);
        try (TesseractPool engOnly = new TesseractPool(new TesseractConfig(tessdata, "eng"), 1)) {
            OrientationDetector without = OrientationDetector.create(engOnly, true);
            assertThat(without.enabled()).isFalse();
            GrayImage rotated = read(SharedData.tesseractTesting("phototestrot.tif"));
            assertThat(without.detect(rotated)).isEqualTo(PageOrientation.UPRIGHT_UNCHECKED);
            PageResult page = new PageProcessor(without, new Preprocessor(), new MorphologyLineDetector(), engOnly)
                    .process("b", "d", 1, rotated).result();
            assertThat(page.orientationDegrees()).isZero();
            assertThat(page.timingsMs()).doesNotContainKey("orientationMs");
            // Read sideways, as before orientation detection existed: what the turn is worth.
            double cer = TextMetrics.cer(phototestTruth(), page.readingOrderText());
            System.out.printf("phototestrot.tif without orientation detection: CER=%.4f%n", cer);
            assertThat(cer).isGreaterThan(0.5);
        }
    }

    @Test
    void pageJsonWithoutTheFieldReadsAsUpright() throws Exception {
        String old = """
                {"schemaVersion":1,"batchId":"b","docId":"d","page":1,"width":10,"height":20,"skewDegrees":0.5,
                 "detector":"opencv-morphology","blocks":[],"timingsMs":{"recognizeMs":3}}""";
        PageResult page = ResultJson.mapper().readValue(old, PageResult.class);
        assertThat(page.orientationDegrees()).isZero();
        assertThat(page.skewDegrees()).isEqualTo(0.5);
        PageResult turned = new PageResult(1, "b", "d", 1, 10, 20, 0.5, 270, "x", List.of(), java.util.Map.of());
        String json = ResultJson.mapper().writeValueAsString(turned);
        assertThat(ResultJson.mapper().readTree(json).get("orientationDegrees").asInt()).isEqualTo(270);
        assertThat(ResultJson.mapper().readValue(json, PageResult.class)).isEqualTo(turned);
    }

    private static long pageMillis(PageResult page) {
        return page.timingsMs().values().stream().mapToLong(Long::longValue).sum();
    }
}
