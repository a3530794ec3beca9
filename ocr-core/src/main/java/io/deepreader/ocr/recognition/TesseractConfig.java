package io.deepreader.ocr.recognition;

import java.nio.file.Path;

/** How each Tesseract engine is initialised. */
public record TesseractConfig(Path tessdata, String language) {
    public static TesseractConfig english(String tessdataPrefix) {
        return new TesseractConfig(Tessdata.locate(tessdataPrefix, "eng"), "eng");
    }
}
