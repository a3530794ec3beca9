package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ctpn.loader.ModelIntegrityException;
import io.deepreader.ctpn.loader.ModelNotFoundException;
import io.deepreader.ctpn.loader.ModelStore;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.EfsLayout;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CTPN model on EFS damaged the ways a real copy goes wrong, seen through the OCR function's cold start
 * (default detector): the environment refuses to start with a typed error naming the problem, never
 * detects with a damaged model, and starts normally once the model is intact again.
 */
class CtpnModelFaultTest {
    private static final Path SHIPPED_MODELS = Path.of("..", "models", "ctpn");

    @TempDir
    Path efs;

    @Test
    void damagedModelsRefuseTheColdStartAndAnIntactOneServes() throws Exception {
        String version = Files.readString(SHIPPED_MODELS.resolve("current")).strip();
        ModelStore store = new ModelStore(new EfsLayout(efs));
        store.install(SHIPPED_MODELS.resolve(version), version, true);
        Path weights = efs.resolve("models/ctpn/" + version + "/variables/variables.data-00000-of-00001");
        Path intact = efs.resolve("intact.bin");
        Files.copy(weights, intact);
        FunctionConfig config = FunctionConfig.fromEnv(Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "1"));
        List<String> report = new ArrayList<>();

        // The learned line cuts are part of the version: a changed file is refused like changed weights.
        Path cuts = efs.resolve("models/ctpn/" + version + "/line-cuts.json");
        byte[] intactCuts = Files.readAllBytes(cuts);
        Files.writeString(cuts, new String(intactCuts, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"threshold\":0.5", "\"threshold\":0.0"));
        assertThat(Files.size(cuts)).isEqualTo(intactCuts.length);
        assertThatThrownBy(() -> new FunctionEnvironment(config).close())
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("line-cuts.json");
        Files.write(cuts, intactCuts);
        report.add("line cuts edited (threshold 0.5 -> 0.0, same size): ModelIntegrityException");

        // Same size, one byte flipped mid-file: only the digest can tell.
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            long mid = f.length() / 2;
            f.seek(mid);
            int b = f.read();
            f.seek(mid);
            f.write(b ^ 0xFF);
        }
        assertThatThrownBy(() -> new FunctionEnvironment(config).close())
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("variables.data");
        report.add("flipped byte in weights: ModelIntegrityException");

        // Half-written copy (the seeding was interrupted).
        Files.write(weights, java.util.Arrays.copyOf(Files.readAllBytes(intact), (int) (Files.size(intact) / 2)));
        assertThatThrownBy(() -> new FunctionEnvironment(config).close())
                .isInstanceOf(ModelIntegrityException.class).hasMessageContaining("variables.data");
        report.add("half-written weights: ModelIntegrityException");

        // Weights file missing.
        Files.delete(weights);
        assertThatThrownBy(() -> new FunctionEnvironment(config).close()).isInstanceOf(ModelIntegrityException.class);
        report.add("missing weights: ModelIntegrityException");

        // `current` pointing at a version whose copy has not landed yet.
        Files.createDirectories(efs.resolve("models/ctpn/v-next/variables"));
        Files.writeString(efs.resolve("models/ctpn/current"), "v-next\n");
        assertThatThrownBy(() -> new FunctionEnvironment(config).close()).isInstanceOf(ModelNotFoundException.class);
        report.add("current -> version without manifest: ModelNotFoundException");

        // Repaired: the environment starts and detects with CTPN.
        Files.copy(intact, weights, StandardCopyOption.REPLACE_EXISTING);
        store.setCurrent(version);
        Files.createDirectories(efs.resolve("inbox"));
        Files.write(efs.resolve("inbox/ok.png"), Corpus.goodPng());
        try (FunctionEnvironment env = new FunctionEnvironment(config)) {
            JsonNode r = Invocations.invoke(env, "repaired", List.of(Invocations.efsDoc("ok", "inbox/ok.png")));
            assertThat(r.get("detector").asText()).startsWith("ctpn");
            assertThat(r.get("ok").asInt()).as(r.toString()).isEqualTo(1);
            assertThat(r.get("documents").get(0).get("lines").asInt()).isPositive();
        }
        report.add("intact model restored: cold start ok, document ok with ctpn");
        Reports.write("ctpn-model-faults.txt", report);
    }
}
