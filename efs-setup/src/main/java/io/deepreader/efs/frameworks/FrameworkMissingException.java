package io.deepreader.efs.frameworks;

/** The framework bundle the function needs is not (completely) on EFS. */
public final class FrameworkMissingException extends RuntimeException {
    public FrameworkMissingException(String message) {
        super(message);
    }

    public FrameworkMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
