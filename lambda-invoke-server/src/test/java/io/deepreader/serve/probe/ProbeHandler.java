package io.deepreader.serve.probe;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs in a child JVM under the runtime interface client (so only the JDK and aws-lambda-java-core): the
 * payload, a JSON string, says what to do: {@code "echo"}, {@code "exit:N"} (System.exit), {@code "oom"}
 * (fill the heap), {@code "hang"} (never answer), {@code "throw"}, {@code "tmp-write"} (a marker file in
 * java.io.tmpdir; markerSeen says whether one was there). It answers with its pid, so tests see
 * whether an environment was reused.
 */
public class ProbeHandler implements RequestStreamHandler {
    private static final List<byte[]> HOARD = new ArrayList<>();
    private static boolean markerSeen;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String action = new String(input.readAllBytes(), StandardCharsets.UTF_8).trim().replace("\"", "");
        System.out.println("probe " + action + " in pid " + ProcessHandle.current().pid());
        if (action.startsWith("exit:")) {
            System.exit(Integer.parseInt(action.substring(5)));
        }
        switch (action) {
            case "oom" -> {
                try {
                    while (true) {
                        HOARD.add(new byte[1 << 20]);
                    }
                } catch (OutOfMemoryError e) {
                    // Free the heap so the runtime can still report the error, as it would for a
                    // function whose big allocation failed; the RIC then ends the environment.
                    HOARD.clear();
                    throw e;
                }
            }
            case "hang" -> {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case "throw" -> throw new IllegalStateException("probe failure");
            case "tmp-write" -> {
                java.nio.file.Path marker = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "probe-marker");
                markerSeen = java.nio.file.Files.exists(marker);
                java.nio.file.Files.writeString(marker, "seen");
            }
            default -> { }
        }
        String json = "{\"pid\":" + ProcessHandle.current().pid()
                + ",\"action\":\"" + action + "\""
                + ",\"requestId\":\"" + context.getAwsRequestId() + "\""
                + ",\"functionName\":\"" + context.getFunctionName() + "\""
                + ",\"arn\":\"" + context.getInvokedFunctionArn() + "\""
                + ",\"remainingMs\":" + context.getRemainingTimeInMillis()
                + ",\"memoryMb\":" + context.getMemoryLimitInMB()
                + ",\"maxHeapMb\":" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + ",\"region\":\"" + System.getenv("AWS_REGION") + "\""
                + ",\"tmpdir\":\"" + System.getProperty("java.io.tmpdir") + "\""
                + ",\"home\":\"" + System.getProperty("user.home") + "\""
                + ",\"markerSeen\":" + markerSeen
                + ",\"custom\":\"" + System.getenv("PROBE_SETTING") + "\"}";
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }
}
