package io.deepreader.ocr.document;

/** The format was recognised but the content cannot be decoded (truncated, damaged). */
public class CorruptDocumentException extends DocumentException {
    public CorruptDocumentException(String message) {
        super(message, null);
    }

    public CorruptDocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorType() {
        return "CorruptDocument";
    }
}
