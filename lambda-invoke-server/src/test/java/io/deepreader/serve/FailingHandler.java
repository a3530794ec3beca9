package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Test handler: always fails with a cause chain, like a handler hitting a broken dependency. */
public class FailingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new IllegalStateException("receipt unreadable",
                new java.io.UncheckedIOException(new java.io.IOException("disk gone")));
    }
}
