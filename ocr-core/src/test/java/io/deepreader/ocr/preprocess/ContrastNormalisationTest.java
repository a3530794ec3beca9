package io.deepreader.ocr.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.GrayRange;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContrastNormalisationTest {
    /** A 400x300 page of the given paper gray with ink bars covering {@code inkRows} rows (0.33% of the page per row). */
    private static GrayImage page(int paper, int ink, int inkRows) {
        byte[] px = new byte[400 * 300];
        Arrays.fill(px, (byte) paper);
        for (int y = 100; y < 100 + inkRows; y++) {
            for (int x = 50; x < 350; x++) {
                px[y * 400 + x] = (byte) ink;
            }
        }
        return new GrayImage(400, 300, px);
    }

    @Test
    void fadedScanIsStretchedToFullRange() {
        GrayImage faded = page(215, 150, 12);
        GrayImage out = new Preprocessor().apply(faded).image();
        GrayRange range = GrayRange.of(out);
        assertThat(range.low()).isLessThan(10);
        assertThat(range.high()).isGreaterThan(245);
    }

    @Test
    void sparseDarkTextIsLeftAlone() {
        // Text on well under 1% of the page: the 1st percentile is paper, and stretching by it once amplified
        // this page's paper noise tenfold.
        GrayImage sparse = page(240, 20, 2);
        byte[] px = sparse.pixels().clone();
        for (int i = 0; i < px.length; i += 7) {
            px[i] = (byte) 232; // paper texture
        }
        GrayImage textured = new GrayImage(400, 300, px);
        assertThat(new Preprocessor().apply(textured).image()).isEqualTo(textured);
    }
}
