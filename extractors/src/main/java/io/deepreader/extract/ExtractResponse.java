package io.deepreader.extract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The extractor's answer. {@code status} is OK, NO_OCR_OUTPUT (nothing to read yet, or OCR failed)
 * or INVALID_REQUEST; {@code outputs} are the files written, relative to the document's folder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtractResponse(String status, String batchId, String docId, int pages, List<String> outputs,
                              String errorMessage, long millis) {

    public static final String OK = "OK";
    public static final String NO_OCR_OUTPUT = "NO_OCR_OUTPUT";
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    public ExtractResponse {
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    public static ExtractResponse failed(String status, String batchId, String docId, String message, long millis) {
        return new ExtractResponse(status, batchId, docId, 0, List.of(), message, millis);
    }
}
