package io.deepreader.ocr.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one document of a batch; the handler returns a list of these. {@code warnings} names the
 * pages of an ok document that gave no text and why ("page 2: BlankPage"); null (left out) when there are none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentOutcome(String docId, DocumentStatus status, String errorType, String errorMessage,
                              int pages, int lines, long millis, boolean reused, java.util.List<String> warnings) {

    public DocumentOutcome {
        warnings = warnings == null || warnings.isEmpty() ? null : java.util.List.copyOf(warnings);
    }

    public DocumentOutcome(String docId, DocumentStatus status, String errorType, String errorMessage,
                           int pages, int lines, long millis, boolean reused) {
        this(docId, status, errorType, errorMessage, pages, lines, millis, reused, null);
    }

    public static DocumentOutcome ok(String docId, int pages, int lines, long millis, boolean reused) {
        return ok(docId, pages, lines, millis, reused, null);
    }

    public static DocumentOutcome ok(String docId, int pages, int lines, long millis, boolean reused,
                                     java.util.List<String> warnings) {
        return new DocumentOutcome(docId, DocumentStatus.OK, null, null, pages, lines, millis, reused, warnings);
    }

    public static DocumentOutcome failed(String docId, String errorType, String message, long millis) {
        return new DocumentOutcome(docId, DocumentStatus.FAILED, errorType, message, 0, 0, millis, false);
    }

    public static DocumentOutcome deferred(String docId) {
        return deferred(docId, "not started before the invocation's time ran out; retry it");
    }

    public static DocumentOutcome deferred(String docId, String message) {
        return new DocumentOutcome(docId, DocumentStatus.DEFERRED, "Deferred", message, 0, 0, 0, false);
    }

    public boolean isOk() {
        return status == DocumentStatus.OK;
    }
}
