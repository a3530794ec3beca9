package io.deepreader.ocr.document;

/** The document exceeds a configured limit (pixels per page, pages, bytes): refused before decoding it. */
public class DocumentLimitException extends DocumentException {
    public DocumentLimitException(String message) {
        super(message, null);
    }

    public DocumentLimitException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorType() {
        return "DocumentTooLarge";
    }
}
