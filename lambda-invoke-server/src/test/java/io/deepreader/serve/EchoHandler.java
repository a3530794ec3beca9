package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Test handler: answers with what it saw of its payload and Context, and which instance ran it. */
public class EchoHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectNode response = JSON.createObjectNode();
        response.set("echo", JSON.readTree(input));
        response.put("requestId", context.getAwsRequestId());
        response.put("functionName", context.getFunctionName());
        response.put("arn", context.getInvokedFunctionArn());
        response.put("remainingMs", context.getRemainingTimeInMillis());
        response.put("memoryMb", context.getMemoryLimitInMB());
        response.put("instance", System.identityHashCode(this));
        context.getLogger().log("echoing for " + context.getAwsRequestId());
        JSON.writeValue(output, response);
    }
}
