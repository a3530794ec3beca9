package io.deepreader.extract.tables;

import io.deepreader.ocr.preprocess.PageTransform;
import io.deepreader.ocr.result.PageResult;

/**
 * The map from the preprocessed page image ({@code page-NNNN.png}: turned upright by the page's orientation, then
 * deskewed about its centre onto an enlarged canvas, as {@code Preprocessor} does) back to the original page's pixels,
 * rebuilt from what {@code ocr.json} records (orientation, skew, original size). Rulings are found on that image and
 * must land where the words' boxes are: in original pixels.
 */
final class PreprocessedFrame {
    private final double[] inverse;

    private PreprocessedFrame(double[] inverse) {
        this.inverse = inverse;
    }

    static PreprocessedFrame of(PageResult page) {
        PageTransform upright = PageTransform.upright(page.orientationDegrees(), page.width(), page.height());
        double skew = page.skewDegrees();
        if (skew == 0) {
            return new PreprocessedFrame(upright.inverse());
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
        return new PreprocessedFrame(upright.thenDeskew(skew, deskewInverse).inverse());
    }

    /** A ruling on the preprocessed image, in original pixels (a quarter turn makes a horizontal one vertical). */
    Ruling toOriginal(Ruling r) {
        double[] p1 = r.horizontal() ? map(r.from(), r.position()) : map(r.position(), r.from());
        double[] p2 = r.horizontal() ? map(r.to(), r.position()) : map(r.position(), r.to());
        boolean horizontal = Math.abs(p2[0] - p1[0]) >= Math.abs(p2[1] - p1[1]);
        if (horizontal) {
            return new Ruling(true, (int) Math.round((p1[1] + p2[1]) / 2), (int) Math.round(Math.min(p1[0], p2[0])),
                    (int) Math.round(Math.max(p1[0], p2[0])), r.thickness());
        }
        return new Ruling(false, (int) Math.round((p1[0] + p2[0]) / 2), (int) Math.round(Math.min(p1[1], p2[1])),
                (int) Math.round(Math.max(p1[1], p2[1])), r.thickness());
    }

    private double[] map(double x, double y) {
        return new double[] {inverse[0] * x + inverse[1] * y + inverse[2], inverse[3] * x + inverse[4] * y + inverse[5]};
    }
}
