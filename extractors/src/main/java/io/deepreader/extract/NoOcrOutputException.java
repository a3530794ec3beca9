package io.deepreader.extract;

/** The document's folder holds no page-NNNN.ocr.json: OCR has not run, failed, or the ids are wrong. */
public class NoOcrOutputException extends Exception {
    public NoOcrOutputException(String message) {
        super(message);
    }
}
