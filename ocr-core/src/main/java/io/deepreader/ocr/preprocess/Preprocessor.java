package io.deepreader.ocr.preprocess;

import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.GrayRange;
import io.deepreader.ocr.image.OpenCv;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.RotatedRect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * OpenCV page preparation: a quarter turn to upright (when orientation detection found one), contrast
 * normalisation and deskew. Detection-specific scaling happens inside
 * each detector (it knows its input size); this step keeps full resolution for Tesseract.
 */
public final class Preprocessor {
    /** Skew is estimated on a copy whose longest side is this many pixels: enough for line blobs, cheap. */
    private static final int ESTIMATE_SIDE = 1200;
    /** Angles under this are scanner noise; rotating for them only blurs the glyphs. */
    private static final double MIN_CORRECTION_DEGREES = 0.3;
    /** Ink..paper ranges narrower than this are stretched (see {@link #normaliseContrast}). */
    static final int FADED_RANGE = 128;
    /** Beyond this the page is rotated, not skewed: out of scope for deskew (orientation detection handles 90/180/270). */
    private static final double MAX_CORRECTION_DEGREES = 15;

    public Preprocessor() {
        OpenCv.load();
    }

    public PreprocessedPage apply(GrayImage original) {
        return apply(original, 0);
    }

    /**
     * @param orientationDegrees how far clockwise the page's content is rotated (0, 90, 180, 270, as Tesseract's
     *                           OSD reports it); the page is turned back by that much, exactly, before deskew
     */
    public PreprocessedPage apply(GrayImage original, int orientationDegrees) {
        return apply(original, orientationDegrees, false);
    }

    /**
     * As {@link #apply(GrayImage, int)}, the page first flipped left to right when {@code mirrored} (a front camera's
     * EXIF Orientation 2, 4, 5 or 7: the stored content is the upright page mirrored, then turned).
     */
    public PreprocessedPage apply(GrayImage original, int orientationDegrees, boolean mirrored) {
        PageTransform upright = PageTransform.upright(orientationDegrees, mirrored, original.width(), original.height());
        Mat gray = OpenCv.toMat(original);
        try {
            if (mirrored) {
                Mat flipped = new Mat();
                Core.flip(gray, flipped, 1); // 1: about the vertical axis, left to right
                gray.release();
                gray = flipped;
            }
            if (orientationDegrees != 0) {
                Mat turned = new Mat();
                Core.rotate(gray, turned, switch (orientationDegrees) {
                    case 90 -> Core.ROTATE_90_COUNTERCLOCKWISE;
                    case 180 -> Core.ROTATE_180;
                    default -> Core.ROTATE_90_CLOCKWISE;
                });
                gray.release();
                gray = turned;
            }
            normaliseContrast(gray);
            double skew = estimateSkewDegrees(gray);
            if (Math.abs(skew) < MIN_CORRECTION_DEGREES || Math.abs(skew) > MAX_CORRECTION_DEGREES) {
                return new PreprocessedPage(OpenCv.toGray(gray), upright);
            }
            return rotate(gray, skew, upright);
        } finally {
            gray.release();
        }
    }

    /**
     * Stretches a faded page's ink..paper range ({@link GrayRange}) to 0..255 (faded scans, gray paper). A page
     * whose ink is already at least {@value #FADED_RANGE} gray levels darker than its paper is left alone: the
     * detectors and Tesseract read it as it is, and stretching it only amplified JPEG and paper noise (SROIE
     * 250-299 through the pipeline, line F1 / page CER: CTPN 0.821 / 0.153 stretched, 0.841 / 0.145 not;
     * OpenCV detector 0.774 / 0.219 and 0.795 / 0.207).
     */
    static void normaliseContrast(Mat gray) {
        GrayRange range = GrayRange.of(gray);
        if (range.blank() || range.high() - range.low() >= FADED_RANGE) {
            return; // blank (stretching would only amplify noise) or contrast enough
        }
        double alpha = 255.0 / (range.high() - range.low());
        gray.convertTo(gray, -1, alpha, -range.low() * alpha);
    }

    /**
     * Median angle of elongated text-line blobs: binarise, smear characters into lines with a wide
     * closing, take each blob's minAreaRect. minAreaRect reports angles in [0,90) (OpenCV >= 4.5), so an
     * angle is folded into (-45,45] by the side that is the rectangle's width.
     */
    static double estimateSkewDegrees(Mat gray) {
        double scale = Math.min(1.0, (double) ESTIMATE_SIDE / Math.max(gray.cols(), gray.rows()));
        Mat small = new Mat();
        Mat binary = new Mat();
        Mat hierarchy = new Mat();
        List<MatOfPoint> contours = new ArrayList<>();
        try {
            Imgproc.resize(gray, small, new Size(), scale, scale, Imgproc.INTER_AREA);
            Imgproc.threshold(small, binary, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(15, 3));
            Imgproc.morphologyEx(binary, binary, Imgproc.MORPH_CLOSE, kernel);
            kernel.release();
            Imgproc.findContours(binary, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
            List<Double> angles = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            for (MatOfPoint contour : contours) {
                MatOfPoint2f points = new MatOfPoint2f(contour.toArray());
                RotatedRect rect = Imgproc.minAreaRect(points);
                points.release();
                double w = rect.size.width;
                double h = rect.size.height;
                double angle = rect.angle;
                if (w < h) {
                    angle -= 90;
                    double t = w;
                    w = h;
                    h = t;
                }
                if (angle <= -45) {
                    angle += 90;
                } else if (angle > 45) {
                    angle -= 90;
                }
                // Only line-like blobs vote: long, thin, not the page border.
                if (w >= 40 && h >= 3 && w / h >= 4 && w < 0.95 * small.cols()) {
                    angles.add(angle);
                    weights.add(w);
                }
            }
            return angles.size() < 3 ? 0 : weightedMedian(angles, weights);
        } finally {
            contours.forEach(Mat::release);
            small.release();
            binary.release();
            hierarchy.release();
        }
    }

    private static double weightedMedian(List<Double> values, List<Double> weights) {
        Integer[] order = new Integer[values.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values.get(a), values.get(b)));
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double seen = 0;
        for (int i : order) {
            seen += weights.get(i);
            if (seen >= total / 2) {
                return values.get(i);
            }
        }
        return 0;
    }

    /** Rotates by {@code degrees} (positive: counter-clockwise in image coordinates) onto an enlarged white canvas. */
    private static PreprocessedPage rotate(Mat gray, double degrees, PageTransform upright) {
        int width = gray.cols();
        int height = gray.rows();
        Point center = new Point(width / 2.0, height / 2.0);
        Mat forward = Imgproc.getRotationMatrix2D(center, degrees, 1.0);
        double radians = Math.toRadians(degrees);
        double cos = Math.abs(Math.cos(radians));
        double sin = Math.abs(Math.sin(radians));
        int newWidth = (int) Math.round(width * cos + height * sin);
        int newHeight = (int) Math.round(width * sin + height * cos);
        forward.put(0, 2, forward.get(0, 2)[0] + (newWidth - width) / 2.0);
        forward.put(1, 2, forward.get(1, 2)[0] + (newHeight - height) / 2.0);
        Mat inverse = new Mat();
        Mat rotated = new Mat();
        try {
            Imgproc.invertAffineTransform(forward, inverse);
            Imgproc.warpAffine(gray, rotated, forward, new Size(newWidth, newHeight), Imgproc.INTER_LINEAR,
                    Core.BORDER_CONSTANT, new Scalar(255));
            double[] inv = new double[6];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    inv[r * 3 + c] = inverse.get(r, c)[0];
                }
            }
            return new PreprocessedPage(OpenCv.toGray(rotated), upright.thenDeskew(degrees, inv));
        } finally {
            forward.release();
            inverse.release();
            rotated.release();
        }
    }
}
