package io.deepreader.serve;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs an execution environment as a child JVM under the AWS Lambda runtime interface client, the way
 * Lambda's managed Java runtime starts it:
 * <pre>
 * java -XX:MaxHeapSize=&lt;85% of memory&gt; -XX:MaxMetaspaceSize=&lt;10%&gt; -XX:ReservedCodeCacheSize=&lt;5%&gt;
 *      -XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1
 *      -cp &lt;RIC jars&gt;:&lt;function artifact&gt; com.amazonaws.services.lambda.runtime.api.client.AWSLambda &lt;_HANDLER&gt;
 * </pre>
 * The 85/10/5 split of the function's memory is what Lambda's Java runtime passes its JVM (visible in
 * the runtime's {@code java} command line on Lambda); tiered compilation stopping at C1 is the Java 17+
 * runtimes' default (AWS docs, "Customize Java runtime startup behavior"). The child's working directory
 * is its task root ({@code LAMBDA_TASK_ROOT}), an empty per-environment directory: the RIC adds that
 * directory and its {@code lib/*.jar} to the function's class loader, as {@code /var/task} on Lambda.
 * {@code java.io.tmpdir} and {@code user.home} are the environment's own temporary directory ({@code TMPDIR}).
 *
 * @param java        the {@code java} executable of the child
 * @param classPath   the RIC jars (see {@link #runtimeJars(Path)}) followed by the function's artifact(s)
 * @param jvmOptions  extra options after the memory flags (e.g. {@code -Xshare:...}); may be empty
 */
public record JvmLauncher(Path java, List<Path> classPath, List<String> jvmOptions) implements EnvironmentLauncher {
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    public JvmLauncher {
        classPath = List.copyOf(classPath);
        jvmOptions = List.copyOf(jvmOptions);
        if (classPath.isEmpty()) {
            throw new IllegalArgumentException("the child JVM needs a class path (RIC jars and the function artifact)");
        }
    }

    /** The RIC jars in {@code runtimeDir} (lambda-invoke-server/target/runtime/) plus the function's artifacts. */
    public static JvmLauncher of(Path runtimeDir, List<Path> artifacts) {
        List<Path> classPath = new ArrayList<>(runtimeJars(runtimeDir));
        for (Path artifact : artifacts) {
            if (!Files.exists(artifact)) {
                throw new IllegalArgumentException("function artifact not found: " + artifact);
            }
            classPath.add(artifact.toAbsolutePath());
        }
        return new JvmLauncher(currentJava(), classPath, List.of("-D" + JNI_PROPERTY + "=" + jniLibrary(runtimeDir)));
    }

    /** The RIC's own switch: load its JNI client from this path instead of unpacking it (see JniHelper). */
    public static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /**
     * The RIC's JNI client, unpacked once into {@code runtimeDir/jni/}. Left alone, RIC 2.10.1 copies it to the fixed
     * path {@code /tmp/.libaws-lambda-jni.so} with REPLACE_EXISTING on every start: on Lambda each environment has
     * its own /tmp, here children share it, and a second child rewriting the file while the first maps it crashes
     * the first (SIGBUS in ld.so). Written to a temp name and renamed, so a mapped copy is never rewritten.
     */
    static Path jniLibrary(Path runtimeDir) {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            default -> throw new IllegalStateException("no RIC JNI client for " + System.getProperty("os.arch"));
        };
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        Path ric = runtimeJars(runtimeDir).stream()
                .filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow();
        try (ZipFile jar = new ZipFile(ric.toFile())) {
            ZipEntry entry = jar.getEntry("jni/" + name);
            if (entry == null) {
                throw new IllegalStateException("no jni/" + name + " in " + ric);
            }
            Path dir = Files.createDirectories(runtimeDir.toAbsolutePath().resolve("jni"));
            Path target = dir.resolve(name);
            if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
                return target;
            }
            Path temp = Files.createTempFile(dir, name, ".tmp");
            try (var in = jar.getInputStream(entry)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the RIC's JNI client from " + ric, e);
        }
    }

    /** The jars of the runtime interface client and its dependencies, in a stable order. */
    public static List<Path> runtimeJars(Path runtimeDir) {
        if (!Files.isDirectory(runtimeDir)) {
            throw new IllegalArgumentException("runtime interface client directory not found: " + runtimeDir
                    + " (built by `mvn -pl lambda-invoke-server package` into lambda-invoke-server/target/runtime)");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(runtimeDir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).map(Path::toAbsolutePath)
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runtimeDir, e);
        }
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
            throw new IllegalArgumentException("no aws-lambda-java-runtime-interface-client jar in " + runtimeDir);
        }
        return List.copyOf(jars);
    }

    /** The java of the JVM running serve mode. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    @Override
    public Process launch(Map<String, String> environment, String runtimeApi) throws IOException {
        String handler = environment.get("_HANDLER");
        if (handler == null || handler.isBlank()) {
            throw new IllegalArgumentException("_HANDLER is not set");
        }
        int memoryMb = Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
        Path taskRoot = Path.of(environment.getOrDefault("LAMBDA_TASK_ROOT", "."));
        Files.createDirectories(taskRoot);
        List<String> options = new ArrayList<>();
        String tmp = environment.get("TMPDIR");
        if (tmp != null) {
            // The environment's own /tmp, and $HOME there too: on Lambda $HOME is not writable, and what a
            // function caches at init (JavaCPP's natives, PDFBox's font cache) goes to its environment's /tmp.
            options.add("-Djava.io.tmpdir=" + tmp);
            options.add("-Duser.home=" + tmp);
        }
        ProcessBuilder builder = new ProcessBuilder(command(memoryMb, handler, options)).directory(taskRoot.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    List<String> command(int memoryMb, String handler, List<String> environmentOptions) {
        long memoryKb = memoryMb * 1024L;
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-XX:MaxHeapSize=" + memoryKb * 85 / 100 + "k");
        command.add("-XX:MaxMetaspaceSize=" + memoryKb * 10 / 100 + "k");
        command.add("-XX:ReservedCodeCacheSize=" + memoryKb * 5 / 100 + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(environmentOptions);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(RIC_MAIN);
        command.add(handler);
        return command;
    }
}
