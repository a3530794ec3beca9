package io.deepreader.ocr.document;

/** The bytes are not a PNG, JPEG, TIFF or PDF (or the file is empty). */
public class UnsupportedDocumentException extends DocumentException {
    public UnsupportedDocumentException(String message) {
        super(message, null);
    }

    public UnsupportedDocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorType() {
        return "UnsupportedDocument";
    }
}
