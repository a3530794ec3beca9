package io.deepreader.ocr.document;

/** The document's source (EFS path, S3 object) does not exist or cannot be read. */
public class DocumentNotFoundException extends DocumentException {
    public DocumentNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String errorType() {
        return "DocumentNotFound";
    }
}
