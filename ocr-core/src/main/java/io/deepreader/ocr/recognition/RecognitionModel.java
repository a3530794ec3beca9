package io.deepreader.ocr.recognition;

import java.nio.file.Path;

/** A verified line model on EFS: Tesseract reads {@code {dir}/{manifest.language}.traineddata}. */
public record RecognitionModel(String version, Path dir, RecognitionModelManifest manifest, long verifyMillis) {
    public String language() {
        return manifest.language();
    }
}
