package io.deepreader.client.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One document's final status as the client saw it (after retries).
 *
 * @param millis        the pipeline's own time for the document (as the function reports it)
 * @param attempts      requests that carried the document and were answered (throttled ones excluded)
 * @param throttled     requests carrying the document that were refused with 429 and retried after a backoff
 * @param requestMillis round trip of the request that produced this result, as the client measured it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentResult(String docId, String file, String status, String errorType, String errorMessage,
                             int pages, int lines, long millis, int attempts, int throttled, long requestMillis) {
    public boolean ok() {
        return "ok".equals(status);
    }

    public DocumentResult withRequestMillis(long newRequestMillis) {
        return new DocumentResult(docId, file, status, errorType, errorMessage, pages, lines, millis, attempts,
                throttled, newRequestMillis);
    }
}
