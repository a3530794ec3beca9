package io.deepreader.ctpn.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deepreader.ocr.image.GrayImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InkTrimTest {
    private static final int PAPER = 230;
    private static final int INK = 20;

    /** A page of paper to paint rectangles of grey on. */
    private static final class Canvas {
        private final int width;
        private final int height;
        private final byte[] px;

        Canvas(int width, int height) {
            this.width = width;
            this.height = height;
            this.px = new byte[width * height];
            Arrays.fill(px, (byte) PAPER);
        }

        Canvas paint(int x0, int x1, int y0, int y1, int grey) {
            for (int y = y0; y < y1; y++) {
                Arrays.fill(px, y * width + x0, y * width + x1, (byte) grey);
            }
            return this;
        }

        GrayImage image() {
            return new GrayImage(width, height, px);
        }
    }

    private static GrayImage pageWithInk(int x0, int x1, int y0, int y1) {
        return new Canvas(200, 60).paint(x0, x1, y0, y1, INK).image();
    }

    private static void assertRange(double[] range, double from, double to) {
        assertThat(range[0]).isCloseTo(from, within(1e-9));
        assertThat(range[1]).isCloseTo(to, within(1e-9));
    }

    @Test
    void movesGridQuantisedEndsToTheInk() {
        // CTPN's line: columns 2..6 (32..112), band 18..42.
        assertRange(new InkTrim(16, 0.0).refine(pageWithInk(37, 101, 20, 40), 32, 18, 112, 42), 37, 101);
    }

    @Test
    void extendsToInkJustOutsideTheLineAndPadsByTheFactor() {
        assertRange(new InkTrim(16, 0.1).refine(pageWithInk(25, 120, 20, 40), 32, 20, 112, 40), 25 - 2, 120 + 2);
    }

    @Test
    void leavesBlankRegionsUnchanged() {
        GrayImage blank = pageWithInk(0, 0, 0, 0);
        assertThat(new InkTrim(16, 0.1).refine(blank, 32, 20, 112, 40)).containsExactly(32, 112);
    }

    @Test
    void pullsEndsThatOvershootIntoBlankPaperByMoreThanAnAnchorBackToTheInk() {
        // CTPN fired on three blank anchors either side of the word: 32..168.
        assertRange(new InkTrim(16, 0.0).refine(pageWithInk(80, 120, 20, 40), 32, 18, 168, 42), 80, 120);
    }

    @Test
    void ignoresARuleThatCrossesOnlyTheBandsEdge() {
        // A table rule along the band's top edge, spanning the whole page.
        GrayImage page = new Canvas(200, 60).paint(60, 110, 20, 40, INK).paint(0, 200, 18, 20, INK).image();
        assertRange(new InkTrim(16, 0.0).refine(page, 48, 18, 128, 42), 60, 110);
    }

    @Test
    void keepsFadedPrintAtALineEndWhenSearchingInward() {
        // Dark text in the middle, faded (thermal) print on the left, beyond one anchor from CTPN's end.
        GrayImage page = new Canvas(200, 60).paint(90, 150, 20, 40, INK).paint(40, 70, 20, 40, 150).image();
        assertRange(new InkTrim(16, 0.0).refine(page, 16, 18, 160, 42), 40, 150);
    }

    @Test
    void snapsAnOffsetBandToTheInkOfItsLineOnly() {
        // Two text lines, ink rows 20..39 and 46..65 (blank rows between); CTPN's band for the first sits 5 px high.
        GrayImage page = new Canvas(200, 90).paint(30, 150, 20, 40, INK).paint(30, 150, 46, 66, INK).image();
        assertRange(new InkTrim(16, 0.0).refineVertical(page, 32, 15, 144, 35), 20, 40);
        assertRange(new InkTrim(16, 0.1).refineVertical(page, 32, 15, 144, 35), 20 - 3, 40 + 3);
        assertThat(new InkTrim(16, 0.1).refineVertical(pageWithInk(0, 0, 0, 0), 32, 15, 144, 35)).containsExactly(15, 35);
    }
}
