package io.deepreader.extract;

import java.util.List;

/**
 * What the extractor is asked to do: the document whose OCR output to read, and which
 * interoperable formats to write besides extract.json ({@code null}: the configured defaults;
 * empty: none). Names as in {@link io.deepreader.extract.formats.OutputFormat}.
 */
public record ExtractRequest(String batchId, String docId, List<String> formats) {
    public ExtractRequest {
        formats = formats == null ? null : List.copyOf(formats);
    }
}
