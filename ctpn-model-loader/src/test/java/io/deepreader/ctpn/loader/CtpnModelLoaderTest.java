package io.deepreader.ctpn.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deepreader.ocr.efs.InvalidIdException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

class CtpnModelLoaderTest {
    @TempDir
    static Path shared;
    static Path modelV1;
    static Path modelV2;

    @TempDir
    Path efs;

    @BeforeAll
    static void exportModels() throws IOException {
        modelV1 = shared.resolve("v1");
        modelV2 = shared.resolve("v2");
        TinySavedModel.write(modelV1, 2f, "v1");
        TinySavedModel.write(modelV2, 3f, "v2");
    }

    private static float run(LoadedModel m, float x) {
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(1, 1, 1, 1), t -> t.setFloat(x, 0, 0, 0, 0));
             Result r = m.session().runner().feed("image", in).fetch("scores").run()) {
            return ((TFloat32) r.get(0)).getFloat(0, 0, 0, 0);
        }
    }

    @Test
    void loadsTheCurrentVersionOnceForAllThreads() throws Exception {
        ModelStore store = new ModelStore(efs);
        store.install(modelV1, "v1", true);
        try (CtpnModelLoader loader = new CtpnModelLoader(store)) {
            assertThat(loader.isLoaded()).isFalse();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<LoadedModel>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit((Callable<LoadedModel>) loader::get));
            }
            LoadedModel first = futures.get(0).get();
            for (Future<LoadedModel> f : futures) {
                assertThat(f.get()).isSameAs(first);
            }
            pool.shutdown();
            assertThat(first.version()).isEqualTo("v1");
            assertThat(run(first, 5f)).isEqualTo(10f);
            assertThat(first.timings().bytes()).isEqualTo(first.manifest().totalBytes()).isPositive();
        }
    }

    @Test
    void warmLoaderKeepsItsVersionAfterRolloutWhileANewEnvironmentGetsTheNewOne() {
        ModelStore store = new ModelStore(efs);
        store.install(modelV1, "v1", true);
        try (CtpnModelLoader warm = new CtpnModelLoader(store)) {
            assertThat(run(warm.get(), 1f)).isEqualTo(2f);
            store.install(modelV2, "v2", true);
            assertThat(store.currentVersion()).isEqualTo("v2");
            assertThat(warm.get().version()).isEqualTo("v1");
            assertThat(run(warm.get(), 1f)).isEqualTo(2f);
            try (CtpnModelLoader cold = new CtpnModelLoader(store)) {
                assertThat(cold.get().version()).isEqualTo("v2");
                assertThat(run(cold.get(), 1f)).isEqualTo(3f);
            }
        }
        assertThat(store.versions()).containsExactly("v1", "v2");
    }

    @Test
    void missingPointerOrVersionOrManifestIsModelNotFound() throws IOException {
        ModelStore store = new ModelStore(efs);
        assertThatThrownBy(() -> new CtpnModelLoader(store).get()).isInstanceOf(ModelNotFoundException.class);
        Files.createDirectories(store.modelDir());
        Files.writeString(store.modelDir().resolve("current"), "v9\n");
        assertThatThrownBy(() -> new CtpnModelLoader(store).get()).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("v9");
        store.install(modelV1, "v1", true);
        Files.delete(store.versionDir("v1").resolve(ModelManifest.FILE_NAME));
        assertThatThrownBy(() -> new CtpnModelLoader(store).get()).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void corruptFileWithTheRightSizeFailsTheDigestCheck() throws IOException {
        ModelStore store = new ModelStore(efs);
        Path dir = store.install(modelV1, "v1", true);
        Path data = variablesData(dir);
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(data, bytes);
        try (CtpnModelLoader loader = new CtpnModelLoader(store)) {
            assertThatThrownBy(loader::get).isInstanceOf(ModelIntegrityException.class)
                    .hasMessageContaining("SHA-256")
                    .satisfies(e -> assertThat(((ModelIntegrityException) e).file()).isEqualTo(data));
            assertThat(loader.isLoaded()).isFalse();
        }
    }

    @Test
    void truncatedOrMissingFilesFailBeforeTensorFlowReadsThem() throws IOException {
        ModelStore store = new ModelStore(efs);
        Path dir = store.install(modelV1, "v1", true);
        Path pb = dir.resolve("saved_model.pb");
        try (FileChannel ch = FileChannel.open(pb, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(pb) / 2);
        }
        assertThatThrownBy(() -> new CtpnModelLoader(store).get()).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("bytes");
        Files.delete(pb);
        assertThatThrownBy(() -> new CtpnModelLoader(store).get()).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void garbageManifestAndEscapingPathsAreIntegrityErrors() throws IOException {
        ModelStore store = new ModelStore(efs);
        Path dir = store.install(modelV1, "v1", true);
        Path manifest = dir.resolve(ModelManifest.FILE_NAME);
        String good = Files.readString(manifest);
        Files.writeString(manifest, good.substring(0, good.length() / 2));
        assertThatThrownBy(() -> new CtpnModelLoader(store).get()).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("unreadable manifest");
        Files.writeString(manifest, good.replace("\"variables/variables.index\"", "\"../../../etc/passwd\""));
        assertThatThrownBy(() -> new CtpnModelLoader(store).get()).isInstanceOf(ModelIntegrityException.class)
                .hasMessageContaining("outside the model");
    }

    @Test
    void installIsAtomicIdempotentAndRefusesConflictsAndBadIds() throws IOException {
        ModelStore store = new ModelStore(efs);
        store.install(modelV1, "v1", false);
        assertThatThrownBy(store::currentVersion).isInstanceOf(ModelNotFoundException.class);
        store.install(modelV1, "v1", true); // same content again: no-op
        assertThat(store.currentVersion()).isEqualTo("v1");
        assertThatThrownBy(() -> store.install(modelV2, "v1", true)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> store.install(modelV1, "../evil", true)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> store.setCurrent("v7")).isInstanceOf(ModelNotFoundException.class);
        try (var files = Files.list(store.modelDir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("v1", "current");
        }
    }

    @Test
    void seedingACorruptSourceIsRefusedAndLeavesNothingBehind() throws IOException {
        Path copy = efs.resolve("src");
        TinySavedModel.write(copy, 2f, "bad");
        Files.write(variablesData(copy), new byte[] {1, 2, 3});
        ModelStore store = new ModelStore(efs.resolve("root"));
        assertThatThrownBy(() -> store.install(copy, "bad", true)).isInstanceOf(ModelIntegrityException.class);
        assertThat(store.versions()).isEmpty();
    }

    private static Path variablesData(Path dir) throws IOException {
        try (var s = Files.list(dir.resolve("variables"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
        }
    }
}
