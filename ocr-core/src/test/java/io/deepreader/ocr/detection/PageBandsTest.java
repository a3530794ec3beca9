package io.deepreader.ocr.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class PageBandsTest {

    /** The input limits of the two detectors: CTPN's manifest (small-v1) and the OpenCV detector's default. */
    private static final int[] MAX_SIDES = {1280, 2000};

    @Test
    void everySroieReceiptKeepsTheSingleResize() throws Exception {
        int checked = 0;
        double tallest = 0;
        try (Stream<Path> files = Files.list(SharedData.sroie().resolve("img"))) {
            for (Path f : files.sorted().toList()) {
                int[] size = size(f);
                tallest = Math.max(tallest, (double) size[1] / size[0]);
                for (int maxSide : MAX_SIDES) {
                    PageBands plan = PageBands.plan(size[0], size[1], maxSide);
                    assertThat(plan.banded()).as(f.toString()).isFalse();
                    assertThat(plan.bands()).containsExactly(new PageBands.Band(0, size[1], 0, size[1]));
                    assertThat(plan.scale()).isEqualTo(Math.min(1.0, (double) maxSide / Math.max(size[0], size[1])));
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(400);
        assertThat(tallest).isLessThan(PageBands.MAX_ASPECT).isGreaterThan(3.7);
    }

    @Test
    void bandsStartJustAboveTheAspectThreshold() {
        assertThat(PageBands.plan(1000, 4000, 1280).banded()).isFalse();
        assertThat(PageBands.plan(1000, 4001, 1280).banded()).isTrue();
        assertThat(PageBands.plan(250, 1280, 1280).banded()).as("fits the limit").isFalse();
        assertThat(PageBands.plan(250, 1281, 1280).banded()).isTrue();
        assertThat(PageBands.plan(20000, 1200, 1280).banded()).as("wide pages are never cut").isFalse();
        assertThat(PageBands.plan(20000, 1200, 1280).scale()).isEqualTo(0.064);
    }

    @Test
    void longReceiptIsCoveredByOverlappingBandsNoLargerThanAPage() {
        for (int[] page : new int[][] {{1200, 20000}, {992, 7497}, {742, 12643}, {3000, 13000}, {100, 5000}}) {
            for (int maxSide : MAX_SIDES) {
                PageBands plan = PageBands.plan(page[0], page[1], maxSide);
                assertThat(plan.banded()).isTrue();
                assertThat(plan.scale()).isEqualTo(Math.min(1.0, (double) maxSide / page[0]));
                List<PageBands.Band> bands = plan.bands();
                assertThat(bands.get(0).top()).isZero();
                assertThat(bands.get(bands.size() - 1).bottom()).isEqualTo(page[1]);
                assertThat(bands.get(0).keepTop()).isZero();
                assertThat(bands.get(bands.size() - 1).keepBottom()).isEqualTo(page[1]);
                for (int i = 0; i < bands.size(); i++) {
                    PageBands.Band b = bands.get(i);
                    double scaledArea = page[0] * plan.scale() * b.height() * plan.scale();
                    assertThat(scaledArea).isLessThanOrEqualTo((double) maxSide * maxSide + 1e-6);
                    assertThat(b.keepTop()).isBetween(b.top(), b.keepBottom());
                    assertThat(b.keepBottom()).isBetween(b.keepTop(), b.bottom());
                    if (i > 0) {
                        PageBands.Band prev = bands.get(i - 1);
                        assertThat(b.keepTop()).isEqualTo(prev.keepBottom());
                        // Every line up to OVERLAP of a band tall lies whole in the band that keeps it.
                        int shared = prev.bottom() - b.top();
                        assertThat(shared * plan.scale()).isGreaterThanOrEqualTo(PageBands.OVERLAP * maxSide - 1);
                        assertThat(b.keepTop() - b.top()).isGreaterThanOrEqualTo(shared / 2 - 1);
                        assertThat(prev.bottom() - prev.keepBottom()).isGreaterThanOrEqualTo(shared / 2 - 1);
                    }
                }
            }
        }
    }

    @Test
    void cropHoldsTheBandsRows() {
        byte[] px = new byte[3 * 10];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        GrayImage crop = PageBands.crop(new GrayImage(3, 10, px), new PageBands.Band(4, 7, 5, 6));
        assertThat(crop.width()).isEqualTo(3);
        assertThat(crop.height()).isEqualTo(3);
        assertThat(crop.at(0, 0)).isEqualTo(12);
        assertThat(crop.at(2, 2)).isEqualTo(20);
    }

    @Test
    void mergeKeepsEachLineOnceInPagePixels() {
        PageBands plan = PageBands.plan(1200, 20000, 1280);
        PageBands.Band first = plan.bands().get(0);
        PageBands.Band second = plan.bands().get(1);
        int split = first.keepBottom();
        // A line inside the overlap, seen whole by both bands: kept by the band that holds its centre, once.
        Box shared = new Box(40, split - 60, 500, 20);
        // One line across the split whose two boxes (one from each band) have their centres on either side:
        // both are kept by their band, then merged into the larger.
        Box across = new Box(40, split - 12, 600, 22);
        // Two different lines close together in the second band stay two.
        Box a = new Box(40, split + 100, 300, 20);
        Box b = new Box(40, split + 124, 300, 20);
        List<DetectedLine> inFirst = List.of(line(shared, 0), line(across, 0), line(new Box(40, 100, 400, 20), 0));
        List<DetectedLine> inSecond = List.of(line(shared, second.top()), line(new Box(40, split - 10, 610, 22), second.top()),
                line(a, second.top()), line(b, second.top()));
        List<List<DetectedLine>> perBand = new java.util.ArrayList<>();
        perBand.add(inFirst);
        perBand.add(inSecond);
        for (int i = 2; i < plan.bands().size(); i++) {
            perBand.add(List.of());
        }
        List<Box> merged = plan.merge(perBand).stream().map(DetectedLine::box).toList();
        assertThat(merged).containsExactlyInAnyOrder(new Box(40, 100, 400, 20), shared,
                new Box(40, split - 10, 610, 22), a, b);
    }

    private static DetectedLine line(Box pageBox, int bandTop) {
        return new DetectedLine(new Box(pageBox.x(), pageBox.y() - bandTop, pageBox.width(), pageBox.height()), 0.9);
    }

    private static int[] size(Path jpeg) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(jpeg.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }
}
