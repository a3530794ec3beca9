package io.deepreader.serve;

import java.net.InetAddress;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link LambdaInvokeServer} runs.
 *
 * @param bind      the address to listen on: loopback unless the operator deliberately serves a network
 * @param port      0 picks a free port
 * @param region    the region reported in ARNs
 * @param functions the functions served, by unique name
 * @param clock     drives each invocation's deadline
 */
public record ServerConfig(InetAddress bind, int port, String region, List<ServedFunction> functions, Clock clock) {

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(clock, "clock");
        functions = List.copyOf(functions);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("serve at least one function");
        }
        Set<String> names = new HashSet<>();
        for (ServedFunction function : functions) {
            if (!names.add(function.name())) {
                throw new IllegalArgumentException("function served twice: " + function.name());
            }
        }
    }

    public static ServerConfig loopback(int port, List<ServedFunction> functions) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), port, "us-east-1", functions, Clock.systemUTC());
    }
}
