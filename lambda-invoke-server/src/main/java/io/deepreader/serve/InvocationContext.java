package io.deepreader.serve;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Clock;
import java.time.Instant;

/**
 * The {@link Context} of one invocation: request id, a deadline derived from the function timeout
 * (so handlers that budget their work by {@code getRemainingTimeInMillis()} behave as on Lambda),
 * and a logger that tags lines with the request id.
 */
final class InvocationContext implements Context {
    /** Local stand-in account used only in ARNs of served functions; never a real account. */
    static final String LOCAL_ACCOUNT = "000000000000";

    private final String requestId;
    private final ServedFunction function;
    private final String region;
    private final String logStream;
    private final Instant deadline;
    private final Clock clock;
    private final InvocationLogger logger;

    InvocationContext(String requestId, ServedFunction function, String region, String logStream,
                      Clock clock, InvocationLogger logger) {
        this.requestId = requestId;
        this.function = function;
        this.region = region;
        this.logStream = logStream;
        this.clock = clock;
        this.deadline = clock.instant().plus(function.timeout());
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.name();
    }

    @Override
    public String getLogStreamName() {
        return logStream;
    }

    @Override
    public String getFunctionName() {
        return function.name();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + region + ":" + LOCAL_ACCOUNT + ":function:" + function.name();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        long remaining = deadline.toEpochMilli() - clock.millis();
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
