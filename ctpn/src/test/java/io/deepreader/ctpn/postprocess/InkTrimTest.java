package io.deepreader.ctpn.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deepreader.ocr.image.GrayImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InkTrimTest {

    private static GrayImage pageWithInk(int x0, int x1, int y0, int y1) {
        int w = 200;
        int h = 60;
        byte[] px = new byte[w * h];
        Arrays.fill(px, (byte) 230);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                px[y * w + x] = (byte) 20;
            }
        }
        return new GrayImage(w, h, px);
    }

    @Test
    void movesGridQuantisedEndsToTheInk() {
        GrayImage page = pageWithInk(37, 101, 20, 40);
        // CTPN's line: columns 2..6 (32..112), band 18..42.
        double[] lr = new InkTrim(16, 0.0).refine(page, 32, 18, 112, 42);
        assertThat(lr[0]).isCloseTo(37, within(1e-9));
        assertThat(lr[1]).isCloseTo(101, within(1e-9));
    }

    @Test
    void extendsToInkJustOutsideTheLineAndPadsByTheFactor() {
        GrayImage page = pageWithInk(25, 120, 20, 40);
        double[] lr = new InkTrim(16, 0.1).refine(page, 32, 20, 112, 40);
        assertThat(lr[0]).isCloseTo(25 - 2, within(1e-9));
        assertThat(lr[1]).isCloseTo(120 + 2, within(1e-9));
    }

    @Test
    void leavesBlankRegionsUnchanged() {
        GrayImage blank = pageWithInk(0, 0, 0, 0);
        assertThat(new InkTrim(16, 0.1).refine(blank, 32, 20, 112, 40)).containsExactly(32, 112);
    }

    @Test
    void snapsAnOffsetBandToTheInkOfItsLineOnly() {
        // Two text lines, ink rows 20..39 and 46..65 (blank rows between); CTPN's band for the first sits 5 px high.
        int w = 200;
        int h = 90;
        byte[] px = new byte[w * h];
        Arrays.fill(px, (byte) 230);
        for (int y = 20; y < 40; y++) {
            for (int x = 30; x < 150; x++) {
                px[y * w + x] = (byte) 20;
            }
        }
        for (int y = 46; y < 66; y++) {
            for (int x = 30; x < 150; x++) {
                px[y * w + x] = (byte) 20;
            }
        }
        GrayImage page = new GrayImage(w, h, px);
        double[] tb = new InkTrim(16, 0.0).refineVertical(page, 32, 15, 144, 35);
        assertThat(tb[0]).isCloseTo(20, within(1e-9));
        assertThat(tb[1]).isCloseTo(40, within(1e-9));
        double[] padded = new InkTrim(16, 0.1).refineVertical(page, 32, 15, 144, 35);
        assertThat(padded[0]).isCloseTo(20 - 3, within(1e-9));
        assertThat(padded[1]).isCloseTo(40 + 3, within(1e-9));
        assertThat(new InkTrim(16, 0.1).refineVertical(pageWithInk(0, 0, 0, 0), 32, 15, 144, 35)).containsExactly(15, 35);
    }

    private static void paint(byte[] px, int w, int x0, int x1, int y0, int y1, int value) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                px[y * w + x] = (byte) value;
            }
        }
    }

    @Test
    void pullsEndsThatOvershootIntoBlankPaperByMoreThanAnAnchorBackToTheInk() {
        GrayImage page = pageWithInk(80, 120, 20, 40);
        // CTPN fired on three blank anchors either side of the word: 32..168.
        double[] lr = new InkTrim(16, 0.0).refine(page, 32, 18, 168, 42);
        assertThat(lr[0]).isCloseTo(80, within(1e-9));
        assertThat(lr[1]).isCloseTo(120, within(1e-9));
    }

    @Test
    void ignoresARuleThatCrossesOnlyTheBandsEdge() {
        int w = 200;
        int h = 60;
        byte[] px = new byte[w * h];
        Arrays.fill(px, (byte) 230);
        paint(px, w, 60, 110, 20, 40, 20);
        // A table rule along the band's top edge, spanning the whole page.
        paint(px, w, 0, w, 18, 20, 20);
        double[] lr = new InkTrim(16, 0.0).refine(new GrayImage(w, h, px), 48, 18, 128, 42);
        assertThat(lr[0]).isCloseTo(60, within(1e-9));
        assertThat(lr[1]).isCloseTo(110, within(1e-9));
    }

    @Test
    void keepsFadedPrintAtALineEndWhenSearchingInward() {
        int w = 200;
        int h = 60;
        byte[] px = new byte[w * h];
        Arrays.fill(px, (byte) 230);
        // Dark text in the middle, faded (thermal) print on the left beyond one anchor from CTPN's end.
        paint(px, w, 90, 150, 20, 40, 20);
        paint(px, w, 40, 70, 20, 40, 150);
        double[] lr = new InkTrim(16, 0.0).refine(new GrayImage(w, h, px), 16, 18, 160, 42);
        assertThat(lr[0]).isCloseTo(40, within(1e-9));
        assertThat(lr[1]).isCloseTo(150, within(1e-9));
    }
}
