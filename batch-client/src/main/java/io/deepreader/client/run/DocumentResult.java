package io.deepreader.client.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One document's final status as the client saw it (after retries). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentResult(String docId, String file, String status, String errorType, String errorMessage,
                             int pages, int lines, long millis, int attempts) {
    public boolean ok() {
        return "ok".equals(status);
    }
}
