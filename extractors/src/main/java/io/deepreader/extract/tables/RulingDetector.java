package io.deepreader.extract.tables;

import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.OpenCv;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Ruling lines on a page image, with OpenCV: binarise (Otsu, ink white), then a morphological open with a long
 * horizontal kernel keeps only horizontal runs of ink at least that long (text strokes are shorter), and one with a
 * long vertical kernel the vertical runs; each remaining blob is one ruling.
 */
public final class RulingDetector {
    /**
     * The kernels' length as a fraction of the page side: 1/40 of a US Letter page at 300 dpi is 64 px (0.21 in)
     * across and 83 px (0.28 in) down: longer than any stroke of body text (a 24 pt capital is 0.23 in tall, its
     * bars narrower), shorter than a ruling around a single 9 pt row (18 pt, 0.25 in, 75 px, with the crossing rulings'
     * thickness it reaches the kernel).
     */
    static final double KERNEL_FRACTION = 1 / 40.0;
    /** Never shorter than this many pixels, so small images do not turn text into rulings. */
    static final int MIN_KERNEL = 25;
    /** A ruling is thin: a blob thicker than this is a filled box or an image, not a line. */
    static final int MAX_THICKNESS = 12;

    public RulingDetector() {
        OpenCv.load();
    }

    public List<Ruling> detect(GrayImage image) {
        Mat gray = OpenCv.toMat(image);
        Mat binary = new Mat();
        try {
            Imgproc.threshold(gray, binary, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            List<Ruling> rulings = new ArrayList<>();
            int across = Math.max(MIN_KERNEL, (int) Math.round(image.width() * KERNEL_FRACTION));
            int down = Math.max(MIN_KERNEL, (int) Math.round(image.height() * KERNEL_FRACTION));
            rulings.addAll(lines(binary, true, across));
            rulings.addAll(lines(binary, false, down));
            return List.copyOf(rulings);
        } finally {
            gray.release();
            binary.release();
        }
    }

    private static List<Ruling> lines(Mat binary, boolean horizontal, int length) {
        Mat mask = new Mat();
        Mat hierarchy = new Mat();
        List<MatOfPoint> contours = new ArrayList<>();
        Mat open = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, horizontal ? new Size(length, 1) : new Size(1, length));
        // A scan's ruling breaks for a pixel or two; a short close along it bridges that without joining two rulings.
        Mat bridge = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, horizontal ? new Size(7, 1) : new Size(1, 7));
        try {
            Imgproc.morphologyEx(binary, mask, Imgproc.MORPH_OPEN, open);
            Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_CLOSE, bridge);
            Imgproc.findContours(mask, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
            List<Ruling> rulings = new ArrayList<>();
            for (MatOfPoint contour : contours) {
                Rect r = Imgproc.boundingRect(contour);
                int thickness = horizontal ? r.height : r.width;
                if (thickness > MAX_THICKNESS) {
                    continue;
                }
                rulings.add(horizontal
                        ? new Ruling(true, r.y + r.height / 2, r.x, r.x + r.width, thickness)
                        : new Ruling(false, r.x + r.width / 2, r.y, r.y + r.height, thickness));
            }
            return rulings;
        } finally {
            contours.forEach(Mat::release);
            mask.release();
            hierarchy.release();
            open.release();
            bridge.release();
        }
    }
}
