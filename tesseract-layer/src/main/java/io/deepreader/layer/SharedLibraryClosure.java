package io.deepreader.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared libraries a library needs at run time, as the dynamic loader resolves them ({@code ldd}),
 * minus glibc and gcc's runtime: those must come from the target system (Lambda's Amazon Linux 2023),
 * never from a layer.
 */
public final class SharedLibraryClosure {

    /** glibc's own objects and the vDSO; bundling these breaks the loader on the target. */
    public static final Set<String> SYSTEM_LIBRARIES = Set.of(
            "linux-vdso.so.1", "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libpthread.so.0", "libdl.so.2",
            "librt.so.1", "libresolv.so.2", "libutil.so.1", "libanl.so.1", "libnsl.so.1", "libcrypt.so.1");

    /**
     * gcc's C++ runtime: Amazon Linux 2023 has gcc 11's (GLIBCXX_3.4.29), and TensorFlow's JNI library, loaded
     * into the same OCR process, needs GLIBCXX_3.4.29. A copy in the layer's /opt/lib comes first on
     * LD_LIBRARY_PATH and would be the one every library gets: an older one breaks TensorFlow, a newer one
     * (Debian 12's) needs GLIBC_2.36.
     */
    public static final Set<String> TARGET_RUNTIME = Set.of("libstdc++.so.6", "libgcc_s.so.1");

    private static final Pattern RESOLVED = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");
    private static final Pattern MISSING = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found\\s*$");

    private SharedLibraryClosure() {
    }

    /**
     * @param ownedDirectories when not empty, every bundled dependency must resolve inside one of them: a source
     *                         build's libraries must never be completed with this machine's (Debian 12's) copies
     * @return soname -> resolved file, the library itself first, in {@code ldd} order
     * @throws IOException if {@code ldd} fails or a dependency cannot be resolved (or resolves outside)
     */
    public static Map<String, Path> of(Path library, Map<String, String> environment, List<Path> ownedDirectories)
            throws IOException {
        String output = ldd(library, environment);
        Map<String, Path> closure = new LinkedHashMap<>();
        closure.put(library.getFileName().toString(), library.toRealPath());
        for (String line : output.split("\n")) {
            Matcher missing = MISSING.matcher(line);
            if (missing.matches()) {
                throw new IOException("unresolved dependency of " + library + ": " + missing.group(1));
            }
            Matcher resolved = RESOLVED.matcher(line);
            if (resolved.matches() && !SYSTEM_LIBRARIES.contains(resolved.group(1))
                    && !TARGET_RUNTIME.contains(resolved.group(1))) {
                Path file = Path.of(resolved.group(2));
                Path normal = file.toAbsolutePath().normalize();
                if (!ownedDirectories.isEmpty()
                        && ownedDirectories.stream().noneMatch(dir -> normal.startsWith(dir.toAbsolutePath().normalize()))) {
                    throw new IOException(resolved.group(1) + " (needed by " + library + ") resolves to " + file
                            + ", outside " + ownedDirectories + ": the build is missing it");
                }
                closure.putIfAbsent(resolved.group(1), file.toRealPath());
            }
        }
        return closure;
    }

    /** Runs {@code ldd} (which lists the transitive closure) with extra environment such as LD_LIBRARY_PATH. */
    static String ldd(Path library, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(library)) {
            throw new IOException("no such library: " + library);
        }
        ProcessBuilder builder = new ProcessBuilder("ldd", library.toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("ldd failed for " + library + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running ldd", e);
        }
        return output;
    }
}
