package io.deepreader.ocr.preprocess;

import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The page as the text detector and Tesseract should see it: long straight strokes (table rulings, boxes, underlines)
 * painted white. A ruled table is one connected blob of ink, which the morphology detector took for one huge line or
 * none, and a ruling inside a line's crop is read as {@code |}, {@code [} or {@code ]} and spoils the glyphs beside it
 * (generated ruled invoices, issue 18: cell accuracy 0.17 with the rulings, see TableAccuracyTest). The page image
 * written to EFS keeps its rulings: the extractor's table finder needs them.
 * <p>
 * A stroke is a ruling when it runs straight for 1/40 of the page side (a US Letter page at 300 dpi: 64 px across,
 * 83 px down), longer than any glyph stroke of body text, and meets a ruling across it (a table's grid, a box); lone
 * underlines, dashed rules and text stay.
 */
public final class RulingEraser {
    static final double KERNEL_FRACTION = 1 / 40.0;
    static final int MIN_KERNEL = 25;

    public RulingEraser() {
        OpenCv.load();
    }

    /** The page with its table rulings erased, or the page itself when it has none. */
    public GrayImage erase(GrayImage page) {
        Mat gray = OpenCv.toMat(page);
        Mat binary = new Mat();
        Mat horizontal = new Mat();
        Mat vertical = new Mat();
        Mat crossings = new Mat();
        Mat labels = new Mat();
        try {
            Imgproc.threshold(gray, binary, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            open(binary, horizontal, true, page.width());
            open(binary, vertical, false, page.height());
            // Only rulings that cross others (a grid, a box) are erased: a long run of ink alone may be touching glyphs
            // of a smudged receipt line (erasing every long run cost SROIE 300-359 0.017 page CER with CTPN).
            Mat grow = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
            Mat h = new Mat();
            Mat v = new Mat();
            Imgproc.dilate(horizontal, h, grow);
            Imgproc.dilate(vertical, v, grow);
            Core.bitwise_and(h, v, crossings);
            h.release();
            v.release();
            if (Core.countNonZero(crossings) == 0) {
                grow.release();
                return page;
            }
            Mat rulings = new Mat();
            Core.bitwise_or(horizontal, vertical, rulings);
            Imgproc.dilate(rulings, rulings, grow);
            int n = Imgproc.connectedComponents(rulings, labels, 8, org.opencv.core.CvType.CV_32S);
            boolean[] crossing = new boolean[n];
            MatOfPoint points = new MatOfPoint();
            Core.findNonZero(crossings, points);
            int[] label = new int[1];
            for (org.opencv.core.Point p : points.toArray()) {
                labels.get((int) p.y, (int) p.x, label);
                crossing[label[0]] = true;
            }
            points.release();
            Mat erase = Mat.zeros(rulings.size(), rulings.type());
            int[] row = new int[labels.cols()];
            byte[] out = new byte[labels.cols()];
            for (int y = 0; y < labels.rows(); y++) {
                labels.get(y, 0, row);
                for (int x = 0; x < row.length; x++) {
                    out[x] = row[x] > 0 && crossing[row[x]] ? (byte) 255 : 0;
                }
                erase.put(y, 0, out);
            }
            // The anti-aliased fringe of a ruling is lighter than Otsu's threshold: the dilated mask covers it.
            gray.setTo(new Scalar(255), erase);
            erase.release();
            rulings.release();
            grow.release();
            return OpenCv.toGray(gray);
        } finally {
            gray.release();
            binary.release();
            horizontal.release();
            vertical.release();
            crossings.release();
            labels.release();
        }
    }

    private static void open(Mat binary, Mat out, boolean horizontal, int side) {
        int length = Math.max(MIN_KERNEL, (int) Math.round(side * KERNEL_FRACTION));
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, horizontal ? new Size(length, 1) : new Size(1, length));
        Imgproc.morphologyEx(binary, out, Imgproc.MORPH_OPEN, kernel);
        kernel.release();
    }
}
