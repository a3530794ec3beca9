package io.deepreader.ocr.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What happened to one document of a batch; the handler returns a list of these. {@code warnings} names the
 * pages of an ok document that gave no text and why ("page 2: BlankPage"); null (left out) when there are none.
 * {@code pagesDone}: of a document deferred between pages, how many pages are finished and kept for the retry.
 * {@code pagesResumed}: of an ok document, how many of its pages an earlier, deferred attempt had finished (the
 * rest were read by this attempt). Both left out when they do not apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentOutcome(String docId, DocumentStatus status, String errorType, String errorMessage,
                              int pages, int lines, long millis, boolean reused, java.util.List<String> warnings,
                              Integer pagesDone, Integer pagesResumed) {

    public DocumentOutcome {
        warnings = warnings == null || warnings.isEmpty() ? null : java.util.List.copyOf(warnings);
    }

    public DocumentOutcome(String docId, DocumentStatus status, String errorType, String errorMessage,
                           int pages, int lines, long millis, boolean reused) {
        this(docId, status, errorType, errorMessage, pages, lines, millis, reused, null, null, null);
    }

    public static DocumentOutcome ok(String docId, int pages, int lines, long millis, boolean reused) {
        return ok(docId, pages, lines, millis, reused, null);
    }

    public static DocumentOutcome ok(String docId, int pages, int lines, long millis, boolean reused,
                                     java.util.List<String> warnings) {
        return new DocumentOutcome(docId, DocumentStatus.OK, null, null, pages, lines, millis, reused, warnings,
                null, null);
    }

    /** An ok document finished by this attempt after an earlier one had done {@code pagesResumed} of its pages. */
    public static DocumentOutcome resumed(String docId, int pages, int lines, long millis,
                                          java.util.List<String> warnings, int pagesResumed) {
        return new DocumentOutcome(docId, DocumentStatus.OK, null, null, pages, lines, millis, false, warnings,
                null, pagesResumed);
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

    /** Stopped between pages with {@code pagesDone} pages finished and kept: a retry goes on from the next. */
    public static DocumentOutcome deferredAfter(String docId, String message, int pagesDone, long millis) {
        return new DocumentOutcome(docId, DocumentStatus.DEFERRED, "Deferred", message, 0, 0, millis, false, null,
                pagesDone, null);
    }

    public boolean isOk() {
        return status == DocumentStatus.OK;
    }
}
