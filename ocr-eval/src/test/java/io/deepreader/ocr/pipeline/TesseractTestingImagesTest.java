package io.deepreader.ocr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.ocr.testing.Engines;
import io.deepreader.ocr.testing.SharedData;
import io.deepreader.ocr.result.Line;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tesseract's own regression pages through the whole pipeline (OpenCV detector, PSM 7 per line). */
class TesseractTestingImagesTest {
    private static TesseractPool pool;
    @TempDir
    Path efs;

    @BeforeAll
    static void engines() {
        pool = Engines.tesseract(1);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    private PageResult ocr(String file) throws Exception {
        return ocr(Files.readAllBytes(SharedData.tesseractTesting(file)));
    }

    private PageResult ocr(byte[] bytes) throws Exception {
        DocumentOutcome outcome = Engines.pipeline(efs, pool).process("regression", new DocumentTask("doc-1", () -> bytes));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(DocumentStatus.OK);
        return ResultJson.mapper().readValue(new EfsLayout(efs).ocrJson("regression", "doc-1", 1).toFile(), PageResult.class);
    }

    private static String truth(String file) throws Exception {
        return Files.readString(SharedData.tesseractTesting(file));
    }

    @Test
    void phototestReadsWithinFivePercentCer() throws Exception {
        PageResult page = ocr("phototest.tif");
        double cer = TextMetrics.cer(truth("phototest.txt"), page.readingOrderText());
        System.out.printf("phototest CER=%.4f lines=%d%n%s%n", cer, page.lines().size(), page.readingOrderText());
        assertThat(cer).isLessThanOrEqualTo(0.05);
        assertThat(page.lines()).allSatisfy(line -> {
            assertThat(line.words()).isNotEmpty();
            assertThat(line.confidence()).isBetween(0.0, 100.0);
            line.words().forEach(w -> assertThat(line.box().padded(4).intersectionArea(w.box())).isPositive());
        });
    }

    @Test
    void skewedPageIsDeskewedAndBoxesMapBackToOriginalPixels() throws Exception {
        BufferedImage source = ImageIO.read(SharedData.tesseractTesting("phototest.tif").toFile());
        BufferedImage skewed = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = skewed.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, skewed.getWidth(), skewed.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(3), source.getWidth() / 2.0, source.getHeight() / 2.0);
        g.drawImage(source, 0, 0, null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(skewed, "png", png);
        PageResult page = ocr(png.toByteArray());
        double cer = TextMetrics.cer(truth("phototest.txt"), page.readingOrderText());
        System.out.printf("phototest skewed 3deg: estimated skew=%.2f CER=%.4f%n", page.skewDegrees(), cer);
        assertThat(Math.abs(page.skewDegrees())).isBetween(2.5, 3.5);
        // Two resamplings (Java2D's rotation to make the test page, OpenCV's to undo it) blur 12 pt glyphs.
        assertThat(cer).isLessThanOrEqualTo(0.15);
        assertThat(page.lines()).allSatisfy(line -> {
            assertThat(line.box().x()).isNotNegative();
            assertThat(line.box().right()).isLessThanOrEqualTo(page.width());
            assertThat(line.box().bottom()).isLessThanOrEqualTo(page.height());
        });
        // The first line's box in original pixels must cover where the rotated first line really is.
        Line first = page.lines().stream().filter(l -> l.text().startsWith("This is a lot")).findFirst().orElseThrow();
        assertThat(first.box().height()).isBetween(25, 80);
    }

    @Test
    void unlvG4TiffsDecodeAndRead() throws Exception {
        for (String name : new String[] {"8071_093.3B", "8087_054.3B"}) {
            PageResult page = ocr(name + ".tif");
            double recall = wordRecall(truth(name + ".txt"), page.text());
            System.out.printf("%s %dx%d lines=%d word recall=%.4f%n", name, page.width(), page.height(), page.lines().size(), recall);
            assertThat(Math.max(page.width(), page.height())).isGreaterThan(3000);
            // Multi-column magazine pages: the truth's column order is not ours, so measure words found, not CER.
            assertThat(recall).isGreaterThanOrEqualTo(0.85);
        }
    }

    /** Share of the truth's words (3+ letters or digits) that appear in the OCR text. */
    private static double wordRecall(String truth, String ocr) {
        java.util.Set<String> found = new java.util.HashSet<>(java.util.Arrays.asList(ocr.toUpperCase().split("[^A-Z0-9]+")));
        var words = java.util.Arrays.stream(truth.toUpperCase().split("[^A-Z0-9]+")).filter(w -> w.length() >= 3).toList();
        return (double) words.stream().filter(found::contains).count() / words.size();
    }
}
