package io.deepreader.efs.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** scripts/size-budget.sh passes packages within Lambda's 250 MB and fails the build otherwise. */
class SizeBudgetTest {
    @TempDir
    Path work;

    private Path zip(String name, Map<String, Long> entries) throws IOException {
        Path zip = work.resolve(name);
        byte[] zeros = new byte[1 << 20];
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, Long> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                for (long left = entry.getValue(); left > 0; left -= zeros.length) {
                    out.write(zeros, 0, (int) Math.min(left, zeros.length));
                }
                out.closeEntry();
            }
        }
        return zip;
    }

    private record Run(int exit, String output) {
    }

    private Run budget(Path ocr, Path layer) throws Exception {
        Path small = zip("small.jar", Map.of("a.class", 1000L));
        ProcessBuilder builder = new ProcessBuilder("bash", OfflinePackage.REPO.resolve("scripts/size-budget.sh").toString())
                .redirectErrorStream(true);
        builder.environment().putAll(Map.of("OCR_ARTIFACT", ocr.toString(), "TESSERACT_LAYER_ARTIFACT", layer.toString(),
                "EXTRACTOR_ARTIFACT", small.toString(), "SEED_ARTIFACT", small.toString(), "SIZE_BUDGET_STRICT", "1"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void packagesWithinTheLimitPass() throws Exception {
        Run run = budget(zip("ocr.jar", Map.of("big.bin", 150_000_000L)), zip("layer.zip", Map.of("lib/x.so", 90_000_000L)));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("240.0").contains("ok");
    }

    @Test
    void codePlusLayersOverTheLimitFail() throws Exception {
        // Each is fine alone; together they are 265 MB, over the 262.1 MB (250 MiB) limit.
        Run run = budget(zip("ocr.jar", Map.of("big.bin", 175_000_000L)), zip("layer.zip", Map.of("lib/x.so", 90_000_000L)));

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("OVER");
    }

    @Test
    void tensorflowNativesInAPackageFailWhateverTheirSize() throws Exception {
        Run run = budget(zip("ocr.jar", Map.of("org/tensorflow/internal/c_api/linux-x86_64/libjnitensorflow.so", 1000L)),
                zip("layer.zip", Map.of("lib/x.so", 1000L)));

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("TensorFlow natives");
    }

    @Test
    void missingArtifactsFailInStrictMode() throws Exception {
        Run run = budget(work.resolve("absent.jar"), zip("layer.zip", Map.of("lib/x.so", 1000L)));

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("MISSING");
    }
}
