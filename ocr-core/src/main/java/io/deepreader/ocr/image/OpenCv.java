package io.deepreader.ocr.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Loads OpenCV's native library once per JVM and converts between {@link GrayImage} and {@link Mat}. */
public final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() {
    }

    /** The native library is process-global state by nature; loading it twice is harmless but slow. */
    public static void load() {
        if (!loaded) {
            synchronized (OpenCv.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }

    public static Mat toMat(GrayImage image) {
        load();
        Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC1);
        mat.put(0, 0, image.pixels());
        return mat;
    }

    public static GrayImage toGray(Mat mat) {
        if (mat.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("expected an 8-bit single-channel Mat, got type " + mat.type());
        }
        byte[] pixels = new byte[Math.multiplyExact(mat.rows(), mat.cols())];
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        continuous.get(0, 0, pixels);
        if (continuous != mat) {
            continuous.release();
        }
        return new GrayImage(mat.cols(), mat.rows(), pixels);
    }
}
