package io.deepreader.ocr.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code document.json}: written last, after every page file, so its presence means the document's
 * outputs are complete. Downstream extractors wait for it; a re-run with the same bytes reuses it.
 * {@code pdfText} is the PDF_TEXT setting a PDF was read with ({@code auto}, {@code never}, {@code always}; absent for
 * other formats and in manifests written before it was recorded): a PDF is reused only under the same setting.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentManifest(int schemaVersion, String batchId, String docId, DocumentStatus status,
                               String errorType, String errorMessage, String sourceSha256, long sourceBytes,
                               String format, String detector, List<String> pages, int lines, String pdfText) {
    public static final int SCHEMA_VERSION = 1;

    public DocumentManifest {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }

    /** A manifest without a PDF_TEXT setting (not a PDF, or a failure). */
    public DocumentManifest(int schemaVersion, String batchId, String docId, DocumentStatus status, String errorType,
                            String errorMessage, String sourceSha256, long sourceBytes, String format, String detector,
                            List<String> pages, int lines) {
        this(schemaVersion, batchId, docId, status, errorType, errorMessage, sourceSha256, sourceBytes, format, detector,
                pages, lines, null);
    }
}
