package io.deepreader.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.serve.EnvironmentLauncher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs an execution environment inside the container image's own root file system, the way Lambda runs an
 * image: the image's ENTRYPOINT + CMD (from the OCI runtime config that {@code umoci unpack} writes next to
 * {@code rootfs/}), its environment with the function's variables over it, a read-only root file system
 * with a writable {@code /tmp}, the EFS directory at {@code /mnt/efs}, a non-root user.
 *
 * <p>No container runtime is needed: {@code unshare --mount} gives the process a private mount namespace
 * in which a small shell script bind-mounts and remounts, then {@code exec chroot --userspec}. Every step
 * {@code exec}s, so the returned process is the environment's JVM itself (its pid, its VmHWM, its stdout and
 * stderr), as {@link EnvironmentLauncher} requires. The network namespace is the host's, so the Runtime API
 * on loopback is reachable. Needs root (mounts, chroot).
 *
 * @param bundle  an unpacked OCI bundle: {@code config.json} + {@code rootfs/}
 * @param efsRoot the host directory that plays the EFS access point; a function variable {@code EFS_ROOT}
 *                naming it is translated to {@code /mnt/efs}
 * @param user    {@code uid:gid} the function runs as (Lambda's sandbox user is not root)
 */
public record RootfsLauncher(Path bundle, Path efsRoot, String user) implements EnvironmentLauncher {
    /** Where Lambda mounts the function's file system in this project (serverless.yml fileSystemConfig). */
    public static final String EFS_MOUNT = "/mnt/efs";
    /** Lambda's sandbox user (sbx_user1051). */
    public static final String LAMBDA_USER = "993:990";
    /** Set up the mounts in the new mount namespace, then become the image's entrypoint. */
    private static final String MOUNT_SCRIPT = String.join("\n",
            "set -eu",
            "root=$1; efs=$2; user=$3; shift 3",
            "mount --make-rprivate /",
            "mount --bind \"$root\" \"$root\"",
            "mount -t proc proc \"$root/proc\"",
            "mount --rbind /dev \"$root/dev\"",
            "mount -t tmpfs -o size=1024m,mode=1777 tmpfs \"$root/tmp\"",
            "mount --bind \"$efs\" \"$root" + EFS_MOUNT + "\"",
            "mount -o remount,bind,ro \"$root\"",
            "exec chroot --userspec=\"$user\" \"$root\" \"$@\"");

    public RootfsLauncher {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(efsRoot, "efsRoot");
        if (user == null || !user.matches("[0-9]+:[0-9]+")) {
            throw new IllegalArgumentException("user must be numeric uid:gid: " + user);
        }
        bundle = bundle.toAbsolutePath().normalize();
        efsRoot = efsRoot.toAbsolutePath().normalize();
    }

    /** The image's runtime configuration, as {@code umoci unpack} wrote it. */
    public record ImageProcess(List<String> args, Map<String, String> env, String cwd) {
    }

    public ImageProcess imageProcess() throws IOException {
        Path config = bundle.resolve("config.json");
        if (!Files.isRegularFile(config) || !Files.isDirectory(bundle.resolve("rootfs"))) {
            throw new IOException(bundle + " is not an unpacked OCI bundle (config.json + rootfs/): run `umoci unpack`");
        }
        JsonNode process = new ObjectMapper().readTree(config.toFile()).path("process");
        List<String> args = new ArrayList<>();
        process.path("args").forEach(arg -> args.add(arg.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode entry : process.path("env")) {
            String text = entry.asText();
            int eq = text.indexOf('=');
            if (eq > 0) {
                env.put(text.substring(0, eq), text.substring(eq + 1));
            }
        }
        if (args.isEmpty()) {
            throw new IOException(config + " has no process.args (image ENTRYPOINT/CMD)");
        }
        return new ImageProcess(List.copyOf(args), Map.copyOf(env), process.path("cwd").asText("/"));
    }

    /**
     * The environment inside the image: the image's variables, then Lambda's and the function's on top
     * (function variables override image ones on Lambda too), with host paths translated: the task and
     * runtime directories are the image's, the EFS root is the mount point. The handler comes from
     * {@code _HANDLER}, so it replaces the image's CMD as ImageConfig.Command would.
     */
    Map<String, String> containerEnvironment(ImageProcess image, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(image.env());
        environment.forEach((name, value) -> {
            switch (name) {
                // TMPDIR: the host's per-environment directory; here /tmp is the environment's own tmpfs.
                case "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "PATH", "TMPDIR" -> { }
                case "EFS_ROOT" -> env.put(name, Path.of(value).toAbsolutePath().normalize().equals(efsRoot) ? EFS_MOUNT : value);
                default -> env.put(name, value);
            }
        });
        env.putIfAbsent("LAMBDA_TASK_ROOT", "/var/task");
        env.putIfAbsent("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    List<String> command(ImageProcess image, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--", "/bin/sh", "-c", MOUNT_SCRIPT, "sh",
                bundle.resolve("rootfs").toString(), efsRoot.toString(), user));
        List<String> args = new ArrayList<>(image.args());
        String handler = environment.get("_HANDLER");
        if (handler != null && !handler.isBlank() && args.size() > 1) {
            args.set(args.size() - 1, handler);
        }
        command.addAll(args);
        return command;
    }

    @Override
    public Process launch(Map<String, String> environment, String runtimeApi) throws IOException {
        if (!Files.isDirectory(efsRoot)) {
            throw new IOException("EFS directory missing: " + efsRoot);
        }
        ImageProcess image = imageProcess();
        ProcessBuilder builder = new ProcessBuilder(command(image, environment));
        builder.environment().clear();
        builder.environment().putAll(containerEnvironment(image, environment));
        return builder.start();
    }
}
