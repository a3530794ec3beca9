package io.deepreader.function;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer to a request that could not be run at all; per-document problems are in {@link BatchResponse}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestError(String batchId, String errorType, String errorMessage) {
}
