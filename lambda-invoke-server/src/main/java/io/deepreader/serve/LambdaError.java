package io.deepreader.serve;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The error document the Lambda Java runtime returns for an unhandled exception
 * (body of a 200 response carrying {@code X-Amz-Function-Error: Unhandled}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LambdaError(String errorMessage, String errorType, List<String> stackTrace, LambdaError cause) {

    public static LambdaError of(Throwable error) {
        return of(error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    public static LambdaError of(String errorType, String errorMessage) {
        return new LambdaError(errorMessage, errorType, List.of(), null);
    }

    private static LambdaError of(Throwable error, Set<Throwable> seen) {
        seen.add(error);
        List<String> frames = new ArrayList<>();
        Arrays.stream(error.getStackTrace()).map(StackTraceElement::toString).forEach(frames::add);
        Throwable cause = error.getCause();
        LambdaError causeError = cause == null || seen.contains(cause) ? null : of(cause, seen);
        return new LambdaError(error.getMessage(), error.getClass().getName(), List.copyOf(frames), causeError);
    }
}
