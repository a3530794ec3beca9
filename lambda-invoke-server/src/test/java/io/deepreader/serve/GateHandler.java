package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Test handler that holds its invocation until the test opens the gate, to occupy concurrency slots. */
public class GateHandler implements RequestStreamHandler {
    private final Semaphore entered;
    private final CountDownLatch gate;

    public GateHandler(Semaphore entered, CountDownLatch gate) {
        this.entered = entered;
        this.gate = gate;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        entered.release();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        output.write("\"passed\"".getBytes(StandardCharsets.UTF_8));
    }
}
