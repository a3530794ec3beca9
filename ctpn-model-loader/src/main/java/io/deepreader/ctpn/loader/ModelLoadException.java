package io.deepreader.ctpn.loader;

/** The CTPN model could not be made ready; no detection may run with it. */
public class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
