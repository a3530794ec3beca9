package io.deepreader.serve.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Its constructor takes {@code PROBE_INIT_MS} milliseconds, as a function loading a large model from EFS does;
 * it answers with its pid and how many times this process constructed it.
 */
public class SlowInitHandler implements RequestStreamHandler {
    private static int constructed;

    public SlowInitHandler() throws InterruptedException {
        Thread.sleep(Long.parseLong(System.getenv("PROBE_INIT_MS")));
        constructed++;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(("{\"pid\":" + ProcessHandle.current().pid() + ",\"constructed\":" + constructed + "}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
