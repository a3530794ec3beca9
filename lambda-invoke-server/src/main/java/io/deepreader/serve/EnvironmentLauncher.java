package io.deepreader.serve;

import java.io.IOException;
import java.util.Map;

/**
 * Starts the process of one execution environment in process mode: something that runs the AWS Lambda
 * runtime interface client (RIC) against the Runtime API at {@code runtimeApi} and keeps asking it for
 * the next invocation until it is killed.
 *
 * <p>The serve side owns everything else: it builds {@code environment} (the variables Lambda sets:
 * {@code _HANDLER}, {@code AWS_LAMBDA_RUNTIME_API}, {@code AWS_LAMBDA_FUNCTION_NAME/VERSION/MEMORY_SIZE},
 * {@code AWS_LAMBDA_LOG_GROUP_NAME/STREAM_NAME}, {@code AWS_REGION}, {@code LAMBDA_TASK_ROOT},
 * {@code LAMBDA_RUNTIME_DIR}, {@code TZ}, ... plus the function's own variables), reads the returned
 * process's stdout and stderr (they become the function's log), measures its memory from
 * {@code /proc/PID/status} of the process and its descendants, and kills the process tree on a timeout
 * or when the environment is recycled. So a launcher must:
 * <ul>
 *   <li>give the child exactly {@code environment} (not the server's own environment);</li>
 *   <li>not redirect the child's stdout/stderr (leave them as pipes);</li>
 *   <li>return the process whose exit means the environment is gone: its exit status becomes
 *       Lambda's {@code Runtime.ExitError} message ("exit status N").</li>
 * </ul>
 * {@link JvmLauncher} runs the RIC in a JVM on this machine; a container launcher can run the same RIC
 * inside an image's root file system (unshare/chroot) from the same two arguments. The Runtime API
 * listens on loopback, so such a launcher must keep the host's network namespace.
 */
public interface EnvironmentLauncher {

    /**
     * @param environment the complete environment of the child (already contains
     *                    {@code AWS_LAMBDA_RUNTIME_API=runtimeApi})
     * @param runtimeApi  {@code host:port} of this environment's Runtime API endpoint
     * @return the started process
     */
    Process launch(Map<String, String> environment, String runtimeApi) throws IOException;
}
