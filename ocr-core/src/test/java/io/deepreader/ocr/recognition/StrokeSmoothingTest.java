package io.deepreader.ocr.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrokeSmoothingTest {
    /** White page with a one-pixel dot grid: dot-matrix strokes at their most broken. */
    private static GrayImage dots() {
        byte[] px = new byte[60 * 40];
        Arrays.fill(px, (byte) 255);
        for (int y = 10; y < 30; y += 2) {
            for (int x = 10; x < 50; x += 2) {
                px[y * 60 + x] = 0;
            }
        }
        return new GrayImage(60, 40, px);
    }

    @Test
    void sigmaIsAFractionOfTheMedianLineHeight() {
        List<Box> lines = List.of(new Box(0, 0, 50, 20), new Box(0, 30, 50, 40), new Box(0, 80, 50, 30));
        assertThat(new StrokeSmoothing(0.035).sigma(lines)).isCloseTo(0.035 * 30, within(1e-9));
        assertThat(new StrokeSmoothing(0.035).sigma(List.of())).isZero();
    }

    @Test
    void joinsBrokenStrokesAndKeepsThePageSize() {
        GrayImage page = dots();
        GrayImage read = new StrokeSmoothing(0.035).apply(page, List.of(new Box(5, 0, 50, 40)));
        assertThat(read.width()).isEqualTo(page.width());
        assertThat(read.height()).isEqualTo(page.height());
        // The white between two dots turns grey; far from the dots the paper stays white.
        assertThat(page.at(21, 21)).isEqualTo(255);
        assertThat(read.at(21, 21)).isLessThan(230);
        assertThat(read.at(2, 2)).isEqualTo(255);
    }

    @Test
    void smallTextOrNoSmoothingLeavesThePageAlone() {
        GrayImage page = dots();
        assertThat(new StrokeSmoothing(0.035).apply(page, List.of(new Box(0, 0, 40, 8)))).isSameAs(page);
        assertThat(StrokeSmoothing.none().apply(page, List.of(new Box(0, 0, 40, 30)))).isSameAs(page);
        assertThatThrownBy(() -> new StrokeSmoothing(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
