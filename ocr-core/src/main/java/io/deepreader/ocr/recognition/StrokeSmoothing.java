package io.deepreader.ocr.recognition;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.GaussianBlur;
import java.util.List;

/**
 * A Gaussian blur scaled to the page's text height, applied to the page before Tesseract reads its lines.
 * Receipts are mostly thermal or dot-matrix print whose strokes break into dots; Tesseract's LSTM misreads
 * broken glyphs ("TAILORING" as "TAILIHING") and a blur of a few percent of the line height joins them again.
 * Page CER on SROIE's training split, reading SROIE's own line boxes (0-99 / 250-299): none 0.068 / 0.108,
 * sigma 0.025 x the median line height 0.058 / 0.079, 0.035 x 0.053 / 0.071, 0.045 x 0.056 / 0.071; a fixed
 * 1-px sigma helped large print and hurt small print (0.078 / 0.083), hence the scaling. Reading CTPN's lines
 * (0-49 / 250-299): none 0.191 / 0.193, 0.025 0.180 / 0.164, 0.03 0.180 / 0.160, 0.035 0.181 / 0.159, 0.045
 * 0.198 / 0.177. Reading the blurred and the plain page and keeping the more confident line gained under a
 * point more for twice the reading time.
 */
public record StrokeSmoothing(double sigmaPerHeight, double rereadBelow) {
    /** Below this a Gaussian changes almost nothing; skip the pass. */
    private static final double MIN_SIGMA = 0.3;

    public static StrokeSmoothing none() {
        return new StrokeSmoothing(0);
    }

    public StrokeSmoothing(double sigmaPerHeight) {
        this(sigmaPerHeight, 0);
    }

    /**
     * @param rereadBelow a line read from the blurred page with a confidence (0-100) under this is read again
     *                    from the page as it is and the more confident reading kept; 0 = never
     */
    public StrokeSmoothing {
        if (!(sigmaPerHeight >= 0) || sigmaPerHeight > 0.5) {
            throw new IllegalArgumentException("sigmaPerHeight must be in [0, 0.5], got " + sigmaPerHeight);
        }
        if (!(rereadBelow >= 0) || rereadBelow > 100) {
            throw new IllegalArgumentException("rereadBelow must be in [0, 100], got " + rereadBelow);
        }
    }

    /** The sigma for these lines: a fraction of their median height (one blur per page, lines share a scale). */
    public double sigma(List<Box> lines) {
        return sigmaPerHeight * Box.medianHeight(lines);
    }

    /** The page to read {@code lines} from: blurred, or the page itself when the sigma is negligible. */
    public GrayImage apply(GrayImage page, List<Box> lines) {
        double sigma = sigma(lines);
        if (sigma < MIN_SIGMA) {
            return page;
        }
        return GaussianBlur.apply(page, sigma);
    }
}
