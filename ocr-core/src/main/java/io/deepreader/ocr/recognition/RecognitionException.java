package io.deepreader.ocr.recognition;

/** Tesseract could not be initialised or failed on a page; not the document's fault. */
public class RecognitionException extends RuntimeException {
    public RecognitionException(String message) {
        super(message);
    }

    public RecognitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
