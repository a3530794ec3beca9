package io.deepreader.ocr.detection;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.geometry.ReadingOrder;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.OpenCv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Classical, model-free line detector: binarise, measure the typical character height from connected
 * components, close horizontally by about one character height (joins letters and words, keeps column
 * gaps), then each connected blob is a line.
 */
public final class MorphologyLineDetector implements TextLineDetector {
    /**
     * Detection runs on a copy whose longest side is at most this: receipts keep ~full size, huge scans shrink.
     * A page more than {@link PageBands#MAX_ASPECT} times as tall as wide (a long receipt) is scaled by its width
     * instead and detected in bands of at most this many scaled rows.
     */
    private final int maxSide;

    public MorphologyLineDetector() {
        this(2000);
    }

    public MorphologyLineDetector(int maxSide) {
        this.maxSide = maxSide;
        OpenCv.load();
    }

    @Override
    public String name() {
        return "opencv-morphology";
    }

    @Override
    public List<DetectedLine> detect(GrayImage page) {
        PageBands plan = PageBands.plan(page.width(), page.height(), maxSide);
        if (!plan.banded()) {
            return List.copyOf(ReadingOrder.sort(detectAt(page, plan.scale()), DetectedLine::box));
        }
        List<List<DetectedLine>> perBand = new ArrayList<>();
        for (PageBands.Band band : plan.bands()) {
            perBand.add(detectAt(PageBands.crop(page, band), plan.scale()));
        }
        return List.copyOf(ReadingOrder.sort(plan.merge(perBand), DetectedLine::box));
    }

    /** The lines of {@code page} found on a copy resized by {@code scale} (at most 1), in the page's pixels. */
    private List<DetectedLine> detectAt(GrayImage page, double scale) {
        Mat gray = OpenCv.toMat(page);
        Mat binary = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            if (scale < 1.0) {
                Imgproc.resize(gray, gray, new Size(), scale, scale, Imgproc.INTER_AREA);
            }
            // Adaptive threshold copes with uneven lighting on phone photos and thermal receipts.
            int block = oddAtLeast(Math.max(gray.cols(), gray.rows()) / 40, 15);
            Imgproc.adaptiveThreshold(gray, binary, 255, Imgproc.ADAPTIVE_THRESH_MEAN_C, Imgproc.THRESH_BINARY_INV, block, 15);
            int n = Imgproc.connectedComponentsWithStats(binary, labels, stats, centroids, 8);
            double charHeight = medianCharHeight(stats, n);
            if (charHeight <= 0) {
                return List.of();
            }
            // 1.5 character heights joins words (and double spaces) but not receipt columns: best F1 on SROIE 000-059.
            int kw = Math.max(3, (int) Math.round(charHeight * 1.5));
            Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(kw, 1));
            Mat closed = new Mat();
            Imgproc.morphologyEx(binary, closed, Imgproc.MORPH_CLOSE, kernel);
            kernel.release();
            int m = Imgproc.connectedComponentsWithStats(closed, labels, stats, centroids, 8);
            closed.release();
            List<DetectedLine> lines = new ArrayList<>();
            for (int i = 1; i < m; i++) {
                int x = (int) stats.get(i, Imgproc.CC_STAT_LEFT)[0];
                int y = (int) stats.get(i, Imgproc.CC_STAT_TOP)[0];
                int w = (int) stats.get(i, Imgproc.CC_STAT_WIDTH)[0];
                int h = (int) stats.get(i, Imgproc.CC_STAT_HEIGHT)[0];
                int area = (int) stats.get(i, Imgproc.CC_STAT_AREA)[0];
                if (!isTextLike(w, h, area, charHeight, gray.cols(), gray.rows())) {
                    continue;
                }
                double fill = (double) area / ((double) w * h);
                Box box = new Box(x, y, w, h).padded(Math.max(1, (int) (charHeight * 0.15)))
                        .clippedTo(gray.cols(), gray.rows()).scaled(1 / scale).clippedTo(page.width(), page.height());
                lines.add(new DetectedLine(box, Math.min(1.0, fill * 2)));
            }
            return lines;
        } finally {
            gray.release();
            binary.release();
            labels.release();
            stats.release();
            centroids.release();
        }
    }

    private static boolean isTextLike(int w, int h, int area, double charHeight, int pageW, int pageH) {
        if (h < charHeight * 0.45 || h > charHeight * 4 || w < charHeight * 0.5) {
            return false;
        }
        if (w > pageW * 0.98 && h < charHeight * 0.6) {
            return false; // rule lines and page edges
        }
        // No upper bound: after closing, a line of capitals is almost solid (measured 0.98); a solid bar that
        // is not text reads as nothing in Tesseract and is dropped there.
        double fill = (double) area / ((double) w * h);
        return fill > 0.08;
    }

    /** Median height of components that look like glyphs (not specks, not rules, not pictures). */
    private static double medianCharHeight(Mat stats, int n) {
        int[] heights = new int[n];
        int count = 0;
        for (int i = 1; i < n; i++) {
            int w = (int) stats.get(i, Imgproc.CC_STAT_WIDTH)[0];
            int h = (int) stats.get(i, Imgproc.CC_STAT_HEIGHT)[0];
            if (h >= 6 && h <= 200 && w <= h * 3 && w >= 2) {
                heights[count++] = h;
            }
        }
        if (count < 3) {
            return 0;
        }
        int[] used = Arrays.copyOf(heights, count);
        Arrays.sort(used);
        return used[count / 2];
    }

    private static int oddAtLeast(int value, int min) {
        int v = Math.max(value, min);
        return v % 2 == 0 ? v + 1 : v;
    }
}
