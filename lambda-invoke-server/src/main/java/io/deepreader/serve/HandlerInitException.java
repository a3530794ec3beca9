package io.deepreader.serve;

/** The handler's constructor failed: Lambda reports this as a Runtime init error. */
public final class HandlerInitException extends RuntimeException {
    public HandlerInitException(String className, Throwable cause) {
        super("could not initialise handler " + className + ": " + cause, cause);
    }
}
