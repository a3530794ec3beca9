package io.deepreader.ocr.recognition;

import java.nio.file.Path;

/**
 * How each Tesseract engine is initialised; {@code smoothing} is applied to a page before its lines are read
 * (see {@link StrokeSmoothing}).
 */
public record TesseractConfig(Path tessdata, String language, StrokeSmoothing smoothing) {
    /** The blur the pipeline reads with, chosen on SROIE's training split (see {@link StrokeSmoothing}). */
    public static final StrokeSmoothing DEFAULT_SMOOTHING = new StrokeSmoothing(0.035);

    public TesseractConfig(Path tessdata, String language) {
        this(tessdata, language, DEFAULT_SMOOTHING);
    }

    public static TesseractConfig english(String tessdataPrefix) {
        return new TesseractConfig(Tessdata.locate(tessdataPrefix, "eng"), "eng");
    }
}
