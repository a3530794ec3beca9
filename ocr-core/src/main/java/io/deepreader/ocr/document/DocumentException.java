package io.deepreader.ocr.document;

/**
 * A document that cannot be processed, for a reason its sender can act on. It fails that document
 * only; {@link #errorType()} is the stable name reported in batch results.
 */
public abstract class DocumentException extends Exception {
    protected DocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract String errorType();
}
