package io.deepreader.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a function runs in process mode: each execution environment is a child process (by default a JVM
 * under the AWS Lambda runtime interface client) that speaks the Runtime API to this server.
 *
 * @param handler     the Lambda handler string, {@code _HANDLER} (e.g. {@code io.deepreader.function.OcrHandler::handleRequest})
 * @param artifacts   the deployment package: the function's jar(s), put under the task root's {@code lib/}
 * @param launcher    starts the environment's process ({@link JvmLauncher} or a container launcher)
 * @param environment the function's own environment variables (Lambda passes nothing else of the host's)
 * @param idleTimeout an environment idle this long is recycled (its process ends), as Lambda does
 * @param initTimeout the INIT phase's own limit (Lambda's is 10 s): a runtime not ready by then is killed and
 *                    its init run again inside the invocation, bounded by the function timeout
 */
public record ProcessDeployment(String handler, List<Path> artifacts, EnvironmentLauncher launcher,
                                Map<String, String> environment, Duration idleTimeout, Duration initTimeout) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** Lambda's limit on the INIT phase of an on-demand environment. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);

    public ProcessDeployment {
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(initTimeout, "initTimeout");
        if (handler == null || handler.isBlank()) {
            throw new IllegalArgumentException("process mode needs a handler");
        }
        artifacts = List.copyOf(artifacts);
        environment = Map.copyOf(environment);
        for (Path artifact : artifacts) {
            if (!Files.exists(artifact)) {
                throw new IllegalArgumentException("deployment artifact not found: " + artifact);
            }
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
        }
        if (initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("init timeout must be positive: " + initTimeout);
        }
        for (String name : environment.keySet()) {
            if (ProcessEnvironment.isReserved(name)) {
                throw new IllegalArgumentException("reserved Lambda environment variable cannot be set: " + name);
            }
        }
    }

    public static ProcessDeployment of(String handler, List<Path> artifacts, EnvironmentLauncher launcher) {
        return new ProcessDeployment(handler, artifacts, launcher, Map.of(), DEFAULT_IDLE_TIMEOUT, DEFAULT_INIT_TIMEOUT);
    }

    public ProcessDeployment withEnvironment(Map<String, String> newEnvironment) {
        return new ProcessDeployment(handler, artifacts, launcher, newEnvironment, idleTimeout, initTimeout);
    }

    public ProcessDeployment withIdleTimeout(Duration newIdleTimeout) {
        return new ProcessDeployment(handler, artifacts, launcher, environment, newIdleTimeout, initTimeout);
    }

    public ProcessDeployment withInitTimeout(Duration newInitTimeout) {
        return new ProcessDeployment(handler, artifacts, launcher, environment, idleTimeout, newInitTimeout);
    }
}
