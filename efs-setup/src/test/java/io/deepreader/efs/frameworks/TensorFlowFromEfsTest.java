package io.deepreader.efs.frameworks;

import io.deepreader.efs.seed.DirectorySource;
import io.deepreader.efs.seed.EfsSeeder;
import io.deepreader.efs.seed.SeedResult;
import io.deepreader.ocr.efs.EfsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole path of the ~680 MB TensorFlow natives: native jar -> bundle -> seeded onto an EFS root ->
 * loaded by a JVM that does not have them in its package, found only through {@link FrameworkLocator}.
 */
class TensorFlowFromEfsTest {
    @TempDir
    Path work;

    @Test
    void tensorflowLoadsFromTheSeededEfsFolder() throws Exception {
        List<String> classPath = Arrays.asList(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator));
        String nativeJar = classPath.stream()
                .filter(entry -> entry.contains("tensorflow-core-native") && entry.endsWith("-linux-x86_64.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("native jar not on the test class path"));

        Path bundle = work.resolve("bundle");
        FrameworkBundle.fromTensorFlowNativeJar(Path.of(nativeJar), "1.1.0", bundle);
        Path efs = Files.createDirectories(work.resolve("efs"));
        SeedResult seeded = new EfsSeeder(new EfsLayout(efs))
                .seed(new DirectorySource(bundle), "frameworks/tensorflow-1.1.0", null);
        assertThat(seeded.bytes()).isGreaterThan(600_000_000L);
        deleteTree(bundle);

        String forkClassPath = classPath.stream().filter(entry -> !entry.equals(nativeJar))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", forkClassPath, "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                TensorFlowProbe.class.getName(), efs.resolve("frameworks/tensorflow-1.1.0").toString())
                .redirectErrorStream(true);
        builder.environment().put("HOME", Files.createDirectories(work.resolve("home")).toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        assertThat(output).contains("version=2.18.0");
        String nativeDir = efs.resolve("frameworks/tensorflow-1.1.0/linux-x86_64").toRealPath().toString();
        List<String> mapped = output.lines().filter(line -> line.startsWith("mapped=")).map(line -> line.substring(7)).toList();
        assertThat(mapped).anyMatch(path -> path.equals(nativeDir + "/libtensorflow_cc.so.2"));
        assertThat(mapped).anyMatch(path -> path.equals(nativeDir + "/libjnitensorflow.so"));
        assertThat(mapped).allMatch(path -> path.startsWith(nativeDir), "every TensorFlow library comes from EFS");
    }

    @Test
    void incompleteBundleIsATypedError() throws Exception {
        Path dir = Files.createDirectories(work.resolve("frameworks/tensorflow-1.1.0/linux-x86_64"));
        assertThatThrownBy(() -> FrameworkLocator.locate(dir.getParent()))
                .isInstanceOf(FrameworkMissingException.class).hasMessageContaining("seed it first");

        Files.writeString(dir.getParent().resolve("manifest.json"), """
                {"name":"tensorflow","version":"1.1.0","nativeDir":"linux-x86_64",
                 "files":[{"path":"linux-x86_64/libjnitensorflow.so","size":10,"sha256":"00"}]}""");
        Files.write(dir.resolve("libjnitensorflow.so"), new byte[5]);
        assertThatThrownBy(() -> FrameworkLocator.locate(dir.getParent()))
                .isInstanceOf(FrameworkMissingException.class).hasMessageContaining("incomplete");
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
