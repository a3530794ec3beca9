package io.deepreader.efs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Runs {@code osls package} for a stage, offline: no AWS credentials, an empty HOME, output to a
 * temporary folder. Uses the real function and layer artifacts when they have been built, otherwise
 * small stand-in zips (the template does not depend on the artifacts' content; the size budget check
 * is what inspects the real ones).
 */
final class OfflinePackage {
    static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private OfflinePackage() {
    }

    static JsonNode template(String stage, Path work) throws IOException, InterruptedException {
        return template(stage, "", work, List.of());
    }

    /** Packages {@code stage} with extra {@code --param=...} options; {@code variant} names the output folder. */
    static JsonNode template(String stage, String variant, Path work, List<String> params)
            throws IOException, InterruptedException {
        run(List.of("bash", REPO.resolve("scripts/install-node-tools.sh").toString()), work, Map.of());
        Path out = work.resolve("package-" + stage + variant);
        List<String> command = new ArrayList<>(List.of(REPO.resolve("node_modules/.bin/osls").toString(),
                "package", "--stage", stage, "--package", out.toString()));
        command.add("--param=ocrArtifact=" + artifact("ocr-function/target/ocr-function-1.0.0-SNAPSHOT-lambda.jar", work));
        command.add("--param=extractorArtifact=" + artifact("extractors/target/extractors-1.0.0-SNAPSHOT-lambda.jar", work));
        command.add("--param=seedArtifact=" + artifact("efs-setup/target/efs-setup-1.0.0-SNAPSHOT-lambda.jar", work));
        command.add("--param=tesseractLayerArtifact=" + artifact("tesseract-layer/target/tesseract-layer.zip", work));
        params.forEach(param -> command.add("--param=" + param));
        Path home = Files.createDirectories(work.resolve("home"));
        run(command, work, Map.of("HOME", home.toString()));
        return JSON.readTree(out.resolve("cloudformation-template-update-stack.json").toFile());
    }

    private static String artifact(String relative, Path work) throws IOException {
        Path real = REPO.resolve(relative);
        if (Files.isRegularFile(real)) {
            return real.toString();
        }
        Path standIn = work.resolve("stand-in-" + real.getFileName());
        if (!Files.exists(standIn)) {
            try (OutputStream file = Files.newOutputStream(standIn); ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.putNextEntry(new ZipEntry("README"));
                zip.write(("stand-in for " + relative + "\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return standIn.toString();
    }

    private static void run(List<String> command, Path work, Map<String, String> extraEnv)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(extraEnv);
        Path log = Files.createTempFile(work, "process", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " from " + command + ":\n"
                    + Files.readString(log));
        }
    }
}
