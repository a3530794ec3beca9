package io.deepreader.extract.tables;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.pdftext.PdfTextLayer;
import io.deepreader.ocr.preprocess.PageTransform;
import io.deepreader.ocr.result.PageResult;

/**
 * The frame tables are found in: the page as the OCR function saw it upright and straight. For an OCRed page that is
 * its preprocessed image ({@code page-NNNN.png}: turned upright by the page's orientation, then deskewed about its
 * centre onto an enlarged canvas, as {@code Preprocessor} does), rebuilt from what {@code ocr.json} records
 * (mirror, orientation, skew, original size); a page read from its text layer is its own frame. Rows of a crooked scan are
 * straight only there, and a page scanned sideways has its columns across; words (in original pixels) are mapped in,
 * the cells found are mapped back out.
 */
final class PageFrame {
    private final double[] toOriginal;
    private final double[] toFrame;
    private final int width;
    private final int height;

    private PageFrame(double[] toOriginal, int width, int height) {
        this.toOriginal = toOriginal;
        this.width = width;
        this.height = height;
        double det = toOriginal[0] * toOriginal[4] - toOriginal[1] * toOriginal[3];
        double a = toOriginal[4] / det;
        double b = -toOriginal[1] / det;
        double c = -toOriginal[3] / det;
        double d = toOriginal[0] / det;
        this.toFrame = new double[] {a, b, -(a * toOriginal[2] + b * toOriginal[5]), c, d, -(c * toOriginal[2] + d * toOriginal[5])};
    }

    static PageFrame of(PageResult page) {
        if (PdfTextLayer.DETECTOR.equals(page.detector())) {
            return new PageFrame(new double[] {1, 0, 0, 0, 1, 0}, page.width(), page.height());
        }
        PageTransform upright = PageTransform.upright(page.orientationDegrees(), page.mirrored(), page.width(),
                page.height());
        double skew = page.skewDegrees();
        if (skew == 0) {
            return new PageFrame(upright.inverse(), page.width(), page.height());
        }
        boolean quarter = page.orientationDegrees() % 180 != 0;
        int width = quarter ? page.height() : page.width();
        int height = quarter ? page.width() : page.height();
        // OpenCV's getRotationMatrix2D(centre, skew, 1), shifted onto the enlarged canvas (Preprocessor.rotate).
        double rad = Math.toRadians(skew);
        double a = Math.cos(rad);
        double b = Math.sin(rad);
        double cx = width / 2.0;
        double cy = height / 2.0;
        int newWidth = (int) Math.round(width * Math.abs(a) + height * Math.abs(b));
        int newHeight = (int) Math.round(width * Math.abs(b) + height * Math.abs(a));
        double tx = (1 - a) * cx - b * cy + (newWidth - width) / 2.0;
        double ty = b * cx + (1 - a) * cy + (newHeight - height) / 2.0;
        // forward [[a, b, tx], [-b, a, ty]] has determinant 1: its inverse is [[a, -b], [b, a]] and -that * t.
        double[] deskewInverse = {a, -b, -(a * tx - b * ty), b, a, -(b * tx + a * ty)};
        return new PageFrame(upright.thenDeskew(skew, deskewInverse).inverse(), page.width(), page.height());
    }

    /** A box in original pixels as the smallest box that holds it in the frame. */
    Box toFrame(Box box) {
        return map(toFrame, box);
    }

    /** A box in the frame as the smallest box that holds it in original pixels, cut to the page. */
    Box toOriginal(Box box) {
        return map(toOriginal, box).clippedTo(width, height);
    }

    private static Box map(double[] m, Box box) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        double[][] corners = {{box.x(), box.y()}, {box.right(), box.y()}, {box.x(), box.bottom()}, {box.right(), box.bottom()}};
        for (double[] c : corners) {
            double x = m[0] * c[0] + m[1] * c[1] + m[2];
            double y = m[3] * c[0] + m[4] * c[1] + m[5];
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
        }
        return Box.ofCorners(Math.round(minX), Math.round(minY), Math.round(maxX), Math.round(maxY));
    }
}
