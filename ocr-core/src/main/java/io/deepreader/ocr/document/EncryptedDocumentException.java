package io.deepreader.ocr.document;

/** A password-protected PDF: it cannot be rendered without the password. */
public class EncryptedDocumentException extends DocumentException {
    public EncryptedDocumentException(String message) {
        super(message, null);
    }

    public EncryptedDocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorType() {
        return "EncryptedDocument";
    }
}
