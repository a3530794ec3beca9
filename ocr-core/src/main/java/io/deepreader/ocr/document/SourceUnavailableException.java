package io.deepreader.ocr.document;

/** The source exists but could not be read now (throttling, a 5xx, a network error): retry the document. */
public class SourceUnavailableException extends DocumentException {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorType() {
        return "SourceUnavailable";
    }
}
