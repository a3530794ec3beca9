package io.deepreader.ocr.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code partial.json}: the pages an attempt finished, rewritten in its staging folder after each page and kept with
 * their files (in {@code jobs/.partial/{batchId}/{docId}/} when the attempt was deferred, in its staging folder when
 * it was killed) so a retry goes on from the next page. It holds for exactly these source bytes
 * ({@code sourceSha256}) and the settings the reuse of a finished document checks (detector; for a PDF the PDF_TEXT
 * setting); anything else discards it. {@code lines} and {@code warnings} are the finished pages' share of the
 * document's totals.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PartialDocument(int schemaVersion, String batchId, String docId, String sourceSha256, String format,
                              String detector, String pdfText, List<String> pages, int lines, List<String> warnings) {
    public static final int SCHEMA_VERSION = 1;

    public PartialDocument {
        pages = pages == null ? List.of() : List.copyOf(pages);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Whether these pages belong to this source read under these settings. */
    boolean continues(String sha256, String detectorName, String pdfTextSetting) {
        return schemaVersion == SCHEMA_VERSION && sha256.equals(sourceSha256) && detectorName.equals(detector)
                && (!"PDF".equals(format) || pdfTextSetting.equals(pdfText));
    }
}
