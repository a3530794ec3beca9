package io.deepreader.serve;

/**
 * What one invocation produced.
 *
 * @param payload       the handler's output, or the {@link LambdaError} JSON when {@code functionError} is set
 * @param functionError {@code "Unhandled"} when the handler threw or timed out, else null
 * @param logTail       the last 4 KB logged through the context's logger
 * @param coldStart     whether a new execution environment was initialised for this invocation
 */
record InvocationResult(byte[] payload, String functionError, byte[] logTail, boolean coldStart) {
}
