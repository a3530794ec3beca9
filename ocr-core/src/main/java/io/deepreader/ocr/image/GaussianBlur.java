package io.deepreader.ocr.image;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** OpenCV's Gaussian blur on a {@link GrayImage}, the kernel sized from sigma. */
public final class GaussianBlur {
    private GaussianBlur() {
    }

    public static GrayImage apply(GrayImage image, double sigma) {
        if (!(sigma > 0)) {
            return image;
        }
        Mat src = OpenCv.toMat(image);
        Mat blurred = new Mat();
        try {
            Imgproc.GaussianBlur(src, blurred, new Size(0, 0), sigma);
            return OpenCv.toGray(blurred);
        } finally {
            src.release();
            blurred.release();
        }
    }
}
