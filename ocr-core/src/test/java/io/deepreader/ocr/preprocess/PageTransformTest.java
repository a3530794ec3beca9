package io.deepreader.ocr.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.testing.QuarterTurns;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Boxes found on a page turned upright (and deskewed) map back onto the original page's pixels. */
class PageTransformTest {

    /** An upright 900x600 page: text lines (for deskew to measure) and one solid block at a known place. */
    private static final Box BLOCK = new Box(610, 420, 150, 60);

    private static GrayImage uprightPage(double skewDegrees) {
        BufferedImage image = new BufferedImage(900, 600, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 900, 600);
        g.rotate(Math.toRadians(skewDegrees), 450, 300);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
        for (int i = 0; i < 8; i++) {
            g.drawString("Invoice line " + i + " quantity 12 amount 345.67 total", 60, 70 + 40 * i);
        }
        g.fillRect(BLOCK.x(), BLOCK.y(), BLOCK.width(), BLOCK.height());
        g.dispose();
        return GrayImage.from(image);
    }

    /** The solid block's bounding box: rows and columns with a dark run of 40+ pixels (glyph strokes are shorter). */
    private static Box solidBlock(GrayImage page) {
        List<Integer> rows = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (int y = 0; y < page.height(); y++) {
            if (darkRun(page, y, true) >= 40) {
                rows.add(y);
            }
        }
        for (int x = 0; x < page.width(); x++) {
            if (darkRun(page, x, false) >= 40) {
                cols.add(x);
            }
        }
        return Box.ofCorners(cols.get(0), rows.get(0), cols.get(cols.size() - 1) + 1, rows.get(rows.size() - 1) + 1);
    }

    private static int darkRun(GrayImage page, int index, boolean row) {
        int best = 0;
        int run = 0;
        int n = row ? page.width() : page.height();
        for (int i = 0; i < n; i++) {
            int v = row ? page.at(i, index) : page.at(index, i);
            run = v < 64 ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 90, 180, 270})
    void quarterTurnIsUndoneExactlyAndBoxesRoundTrip(int degrees) {
        GrayImage upright = uprightPage(0);
        GrayImage scanned = QuarterTurns.clockwise(upright, degrees);
        PreprocessedPage page = new Preprocessor().apply(scanned, degrees);

        assertThat(page.transform().orientationDegrees()).isEqualTo(degrees);
        assertThat(page.transform().skewDegrees()).isZero();
        assertThat(page.image().width()).isEqualTo(upright.width());
        assertThat(page.image().height()).isEqualTo(upright.height());
        Box found = solidBlock(page.image());
        assertThat(found).isEqualTo(BLOCK);
        // Back to the scanned page's pixels: exactly where the block was drawn there.
        Box expected = QuarterTurns.clockwise(BLOCK, degrees, upright.width(), upright.height());
        assertThat(page.transform().toOriginal(found)).isEqualTo(expected);
        assertThat(solidBlock(scanned)).isEqualTo(expected);
        // And from the scanned page's pixels to the upright frame reading order is computed in.
        assertThat(expected.turnedUpright(degrees, scanned.width(), scanned.height())).isEqualTo(BLOCK);
    }

    /**
     * A front camera's photo: the stored pixels are the upright page turned, then mirrored (EXIF 2, 4, 5, 7 as
     * flip + 0, 180, 90, 270). Flip then turn gives the upright page exactly, and the block maps back onto the
     * stored pixels, where the mirror put it.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 90, 180, 270})
    void mirrorThenQuarterTurnIsUndoneExactlyAndBoxesRoundTrip(int degrees) {
        GrayImage upright = uprightPage(0);
        GrayImage turned = QuarterTurns.clockwise(upright, degrees);
        GrayImage stored = flippedLeftRight(turned);
        PreprocessedPage page = new Preprocessor().apply(stored, degrees, true);

        assertThat(page.transform().mirrored()).isTrue();
        assertThat(page.transform().orientationDegrees()).isEqualTo(degrees);
        assertThat(page.image()).isEqualTo(upright);
        Box found = solidBlock(page.image());
        assertThat(found).isEqualTo(BLOCK);
        Box expected = QuarterTurns.clockwise(BLOCK, degrees, upright.width(), upright.height())
                .flippedLeftRight(stored.width());
        assertThat(page.transform().toOriginal(found)).isEqualTo(expected);
        assertThat(solidBlock(stored)).isEqualTo(expected);
        assertThat(expected.flippedLeftRight(stored.width()).turnedUpright(degrees, stored.width(), stored.height()))
                .isEqualTo(BLOCK);
    }

    private static GrayImage flippedLeftRight(GrayImage page) {
        byte[] out = new byte[page.width() * page.height()];
        for (int y = 0; y < page.height(); y++) {
            for (int x = 0; x < page.width(); x++) {
                out[y * page.width() + page.width() - 1 - x] = page.pixels()[y * page.width() + x];
            }
        }
        return new GrayImage(page.width(), page.height(), out);
    }

    @ParameterizedTest
    @ValueSource(ints = {90, 270})
    void quarterTurnThenDeskewMapsBackToTheScannedPage(int degrees) {
        GrayImage scanned = QuarterTurns.clockwise(uprightPage(4), degrees);
        PreprocessedPage page = new Preprocessor().apply(scanned, degrees);

        assertThat(page.transform().orientationDegrees()).isEqualTo(degrees);
        assertThat(Math.abs(page.transform().skewDegrees())).isBetween(3.0, 5.0);
        Box mapped = page.transform().toOriginal(solidBlock(page.image()));
        Box truth = solidBlock(scanned);
        // Two resamplings (the 4 degree skew drawn, then undone) and the axis-aligned hull of a rotated
        // rectangle: the block's box comes back within a few pixels, never on another part of the page.
        assertThat(mapped.iou(truth)).isGreaterThan(0.85);
        assertThat(Math.abs(mapped.centerX() - truth.centerX())).isLessThan(4);
        assertThat(Math.abs(mapped.centerY() - truth.centerY())).isLessThan(4);
    }
}
