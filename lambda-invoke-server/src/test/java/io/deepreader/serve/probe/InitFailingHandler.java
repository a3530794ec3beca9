package io.deepreader.serve.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Its constructor fails, as a handler whose model is missing does: the runtime reports an init error. */
public class InitFailingHandler implements RequestStreamHandler {

    public InitFailingHandler() {
        throw new IllegalStateException("model not found at /mnt/efs/models/probe");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new AssertionError("never initialised");
    }
}
