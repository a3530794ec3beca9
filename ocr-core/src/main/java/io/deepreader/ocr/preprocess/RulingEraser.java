package io.deepreader.ocr.preprocess;

import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.Mat;
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
 * 83 px down), longer than any glyph stroke of body text; dashed rules and text stay.
 */
public final class RulingEraser {
    static final double KERNEL_FRACTION = 1 / 40.0;
    static final int MIN_KERNEL = 25;

    public RulingEraser() {
        OpenCv.load();
    }

    /** The page with its rulings erased, or the page itself when it has none. */
    public GrayImage erase(GrayImage page) {
        Mat gray = OpenCv.toMat(page);
        Mat binary = new Mat();
        Mat rulings = new Mat();
        Mat lines = new Mat();
        try {
            Imgproc.threshold(gray, binary, 0, 255, Imgproc.THRESH_BINARY_INV | Imgproc.THRESH_OTSU);
            rulings.create(binary.size(), binary.type());
            rulings.setTo(new org.opencv.core.Scalar(0));
            for (boolean horizontal : new boolean[] {true, false}) {
                int length = Math.max(MIN_KERNEL, (int) Math.round((horizontal ? page.width() : page.height()) * KERNEL_FRACTION));
                Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, horizontal ? new Size(length, 1) : new Size(1, length));
                Imgproc.morphologyEx(binary, lines, Imgproc.MORPH_OPEN, kernel);
                kernel.release();
                Core.bitwise_or(rulings, lines, rulings);
            }
            if (Core.countNonZero(rulings) == 0) {
                return page;
            }
            // The anti-aliased fringe of a ruling is lighter than Otsu's threshold: widen the mask a little.
            Mat grow = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
            Imgproc.dilate(rulings, rulings, grow);
            grow.release();
            gray.setTo(new org.opencv.core.Scalar(255), rulings);
            return OpenCv.toGray(gray);
        } finally {
            gray.release();
            binary.release();
            rulings.release();
            lines.release();
        }
    }
}
