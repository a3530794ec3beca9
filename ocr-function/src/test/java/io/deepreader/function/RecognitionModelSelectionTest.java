package io.deepreader.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.recognition.RecognitionModelIntegrityException;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCR function's execution environment reads lines with the shipped fine-tuned model when it is seeded on
 * EFS ({@code models/tessdata/current}), verified once at init, and refuses to start on a damaged copy.
 */
class RecognitionModelSelectionTest {
    private static final Path SHIPPED = Path.of("").toAbsolutePath().getParent().resolve("models/tessdata");

    @TempDir
    Path efs;
    private String version;
    private Path traineddata;

    @BeforeEach
    void seed() throws IOException {
        version = Files.readString(SHIPPED.resolve("current"), StandardCharsets.UTF_8).strip();
        Path dir = Files.createDirectories(efs.resolve("models/tessdata").resolve(version));
        try (Stream<Path> files = Files.list(SHIPPED.resolve(version))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(efs.resolve("models/tessdata/current"), version + "\n");
        traineddata = dir.resolve("eng.traineddata");
    }

    @Test
    void theSeededModelIsLoggedAsVerifiedAndTheEnvironmentStarts() {
        List<JsonNode> logs = capture(() -> {
            try (FunctionEnvironment env = environment()) {
                return env.initMillis();
            }
        });
        JsonNode selected = event(logs, "recognition_model");
        assertThat(selected.path("source").asText()).isEqualTo("efs");
        assertThat(selected.path("version").asText()).isEqualTo(version);
        assertThat(selected.path("level").asText()).isEqualTo("INFO");
    }

    @Test
    void aCorruptModelFailsTheColdStartTypedAndLogged() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(traineddata.toFile(), "rw")) {
            f.seek(1000);
            int b = f.read();
            f.seek(1000);
            f.write(b ^ 0x80);
        }
        assertThatThrownBy(() -> capture(() -> {
            try (FunctionEnvironment env = environment()) {
                return env.initMillis();
            }
        })).isInstanceOf(RecognitionModelIntegrityException.class).hasMessageContaining("SHA-256 mismatch")
                .hasMessageContaining(traineddata.toString());
        JsonNode refused = event(captured, "recognition_model_refused");
        assertThat(refused.path("level").asText()).isEqualTo("ERROR");
        assertThat(refused.path("file").asText()).isEqualTo(traineddata.toString());
    }

    private List<JsonNode> captured = List.of();

    private FunctionEnvironment environment() {
        return new FunctionEnvironment(FunctionConfig.fromEnv(Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "1",
                "DETECTOR", "opencv")));
    }

    /** Runs {@code work} with stderr (the JSON log provider's stream) captured; the lines also land in {@link #captured}. */
    private List<JsonNode> capture(Supplier<Long> work) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            work.get();
        } finally {
            System.setErr(original);
            String text = out.toString(StandardCharsets.UTF_8);
            original.print(text);
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("{")) {
                    try {
                        nodes.add(ResultJson.mapper().readTree(line));
                    } catch (IOException e) {
                        throw new IllegalStateException("log line is not JSON: " + line, e);
                    }
                }
            }
            captured = nodes;
        }
        return captured;
    }

    private static JsonNode event(List<JsonNode> logs, String event) {
        return logs.stream().filter(n -> event.equals(n.path("event").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + event + "' log line in " + logs));
    }
}
