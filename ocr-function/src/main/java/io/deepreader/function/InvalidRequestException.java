package io.deepreader.function;

/**
 * The request as a whole cannot be run (not JSON, unknown top-level fields, no documents list, too many
 * documents): answered as {@code {"errorType": "InvalidRequest", ...}}, never as a Java stack trace.
 */
public final class InvalidRequestException extends IllegalArgumentException {
    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
