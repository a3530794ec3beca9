package io.deepreader.ctpn.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deepreader.ocr.image.GrayImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InkGapSplitterTest {
    private static final int W = 400;
    private static final int H = 60;

    /** A 20-px-tall text band (rows 20..39) with ink in the given column ranges {@code [x0, x1)}. */
    private static GrayImage band(int... ranges) {
        byte[] px = new byte[W * H];
        Arrays.fill(px, (byte) 230);
        for (int r = 0; r < ranges.length; r += 2) {
            for (int y = 20; y < 40; y++) {
                for (int x = ranges[r]; x < ranges[r + 1]; x++) {
                    px[y * W + x] = (byte) 20;
                }
            }
        }
        return new GrayImage(W, H, px);
    }

    @Test
    void cutsALabelFromItsAmountAtABlankRunWiderThanTheFactorTimesTheHeight() {
        // "TOTAL" 40..120, "12.00" 200..260: an 80-px blank run, 4 heights of the 20-px band.
        GrayImage page = band(40, 120, 200, 260);
        List<double[]> pieces = new InkGapSplitter(1.3, 0.1).split(page, 38, 20, 262, 40);
        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0)[0]).isCloseTo(38, within(1e-9));   // outer ends are kept
        assertThat(pieces.get(0)[1]).isCloseTo(120 + 2, within(1e-9)); // new end: ink + 0.1 x height
        assertThat(pieces.get(1)[0]).isCloseTo(200 - 2, within(1e-9));
        assertThat(pieces.get(1)[1]).isCloseTo(262, within(1e-9));
    }

    @Test
    void keepsWordSpacesNarrowerThanTheFactorTimesTheHeight() {
        // Word gaps of 12 and 25 px in a 20-px band: below 1.3 x 20 = 26 px.
        GrayImage page = band(40, 100, 112, 180, 205, 260);
        List<double[]> pieces = new InkGapSplitter(1.3, 0.1).split(page, 38, 20, 262, 40);
        assertThat(pieces).singleElement().satisfies(p -> assertThat(p).containsExactly(38, 262));
    }

    @Test
    void cutsAtEveryWideRunAndNeverWhenDisabledOrBlank() {
        GrayImage page = band(10, 60, 120, 170, 300, 350);
        assertThat(new InkGapSplitter(1.3, 0.0).split(page, 10, 20, 350, 40)).hasSize(3);
        assertThat(new InkGapSplitter(0, 0.1).split(page, 10, 20, 350, 40)).hasSize(1);
        assertThat(new InkGapSplitter(1.3, 0.1).split(band(), 10, 20, 350, 40)).singleElement()
                .satisfies(p -> assertThat(p).containsExactly(10, 350));
    }

    @Test
    void fadedPrintBetweenDarkWordsIsInkNotAGap() {
        // Dark words at 40..120 and 200..260 with faded print (grey 170 on paper 230) in between: lighter than
        // the band's mid-grey, yet text that a cut would drop.
        GrayImage page = band(40, 120, 200, 260);
        byte[] px = page.pixels().clone();
        for (int y = 24; y < 36; y++) {
            for (int x = 130; x < 190; x += 4) {
                px[y * W + x] = (byte) 170;
                px[y * W + x + 1] = (byte) 170;
            }
        }
        List<double[]> pieces = new InkGapSplitter(1.3, 0.1).split(new GrayImage(W, H, px), 38, 20, 262, 40);
        assertThat(pieces).singleElement().satisfies(p -> assertThat(p).containsExactly(38, 262));
    }

    /** Glyphs 8 px wide every {@code pitch} px, words of {@code letters} glyphs separated by {@code wordGap} px. */
    private static int[] spacedWords(int start, int pitch, int wordGap, int... letters) {
        List<Integer> ranges = new java.util.ArrayList<>();
        int x = start;
        for (int word = 0; word < letters.length; word++) {
            for (int g = 0; g < letters[word]; g++) {
                ranges.add(x);
                ranges.add(x + 8);
                x += pitch;
            }
            x += wordGap - (pitch - 8);
        }
        return ranges.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void aLetterSpacedHeadingStaysWholeWhenTheRuleIsRelativeToItsOwnSpacing() {
        // "SIN THYE & COMPANY" letter-spaced: 12-px blank runs between glyphs, 30-px word spaces (1.5 heights).
        GrayImage page = band(spacedWords(10, 20, 30, 3, 4, 1, 7));
        double right = 10 + 15 * 20 + 3 * 18 + 8;
        assertThat(new InkGapSplitter(1.0, 0.1).split(page, 10, 20, right, 40)).as("heights alone").hasSize(4);
        assertThat(new InkGapSplitter(1.0, 0.1, 3.0).split(page, 10, 20, right, 40)).singleElement()
                .satisfies(p -> assertThat(p).containsExactly(10, right));
    }

    @Test
    void normalPrintStillSplitsAtAColumnGapWithTheRelativeRule() {
        // "TOTAL" and "12.00" as glyphs with 2-px blank runs, 80 px apart: the line's median run is 2 px.
        int[] label = spacedWords(40, 10, 10, 5);
        int[] amount = spacedWords(170, 10, 10, 5);
        int[] both = java.util.stream.IntStream.concat(Arrays.stream(label), Arrays.stream(amount)).toArray();
        List<double[]> pieces = new InkGapSplitter(1.0, 0.1, 3.0).split(band(both), 38, 20, 220, 40);
        assertThat(pieces).hasSize(2);
        assertThat(InkGapSplitter.medianBlankRun(LineInk.of(band(both), 38, 20, 220, 40).blankRuns())).isEqualTo(2);
    }
}
