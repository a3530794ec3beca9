package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tesseract's model on the shared file system corrupt or half-written: the cold start must refuse with an
 * exception (so Lambda reports an init error and retries elsewhere), not crash the process or hang.
 */
class ModelFaultTest {
    private static final Path ENG = Path.of("/usr/share/tesseract-ocr/5/tessdata/eng.traineddata");

    @TempDir
    Path temp;

    @Test
    void aCorruptOrHalfWrittenTraineddataIsRefusedAtColdStart() throws Exception {
        byte[] real = Files.readAllBytes(ENG);
        byte[] half = java.util.Arrays.copyOf(real, real.length / 2);
        byte[] garbage = new byte[4096];
        new java.util.Random(5).nextBytes(garbage);
        List<String> report = new ArrayList<>();
        for (var c : List.of(new Object[] {"half-written", half}, new Object[] {"garbage", garbage},
                new Object[] {"intact", real})) {
            String name = (String) c[0];
            Path dir = Files.createDirectories(temp.resolve(name));
            Files.write(dir.resolve("eng.traineddata"), (byte[]) c[1]);
            Path result = temp.resolve(name + ".result");
            ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), ModelFaultMain.class.getName(),
                    temp.resolve("efs").toString(), dir.toString(), result.toString());
            pb.environment().put("OMP_THREAD_LIMIT", "1");
            pb.redirectErrorStream(true).redirectOutput(temp.resolve(name + ".log").toFile());
            Process p = pb.start();
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as(name + " finished").isTrue();
            String outcome = Files.exists(result) ? Files.readString(result) : "(none)";
            report.add(name + "\texit=" + p.exitValue() + "\t" + outcome.lines().findFirst().orElse(""));
            Reports.write("model-faults.tsv", report);
            assertThat(p.exitValue()).as(name + ": " + outcome).isEqualTo(name.equals("intact") ? 0 : 3);
            if (!name.equals("intact")) {
                assertThat(outcome).contains("RecognitionException").contains("Tesseract init failed");
            }
        }
    }
}
