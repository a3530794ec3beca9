package io.deepreader.ctpn.loader;

/** No model where one was expected: no {@code current} pointer, no version directory, no manifest. */
public class ModelNotFoundException extends ModelLoadException {
    public ModelNotFoundException(String message) {
        super(message);
    }
}
