package io.deepreader.ocr.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code document.json}: written last, after every page file, so its presence means the document's
 * outputs are complete. Downstream extractors wait for it; a re-run with the same bytes reuses it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentManifest(int schemaVersion, String batchId, String docId, DocumentStatus status,
                               String errorType, String errorMessage, String sourceSha256, long sourceBytes,
                               String format, String detector, List<String> pages, int lines) {
    public static final int SCHEMA_VERSION = 1;

    public DocumentManifest {
        pages = pages == null ? List.of() : List.copyOf(pages);
    }
}
