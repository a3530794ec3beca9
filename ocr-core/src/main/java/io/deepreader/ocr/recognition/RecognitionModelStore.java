package io.deepreader.ocr.recognition;

import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.efs.Sha256;
import io.deepreader.ocr.efs.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tesseract line models on an EFS root, laid out like the CTPN model: {@code models/tessdata/{version}/}
 * ({@code {language}.traineddata} + {@code manifest.json}) and {@code models/tessdata/current} naming the
 * version to read with. {@link #select} is called once per execution environment: with no {@code current}
 * the layer's {@code eng} is used; with one, the version is checked (sizes, then every file's SHA-256)
 * before any engine is initialised, and a mismatch is a {@link RecognitionModelIntegrityException}, never a
 * silent fallback.
 */
public final class RecognitionModelStore {
    public static final String MODEL_NAME = "tessdata";
    public static final String CURRENT = "current";
    private static final Logger LOG = LoggerFactory.getLogger(RecognitionModelStore.class);

    private final Path modelDir;

    public RecognitionModelStore(EfsLayout layout) {
        this.modelDir = layout.modelDir(MODEL_NAME);
    }

    public Path modelDir() {
        return modelDir;
    }

    /** The config the environment's engines use: {@code layer}'s, with the EFS line model when one is selected. */
    public TesseractConfig select(TesseractConfig layer) {
        Optional<RecognitionModel> model;
        try {
            model = current();
        } catch (RecognitionModelIntegrityException e) {
            LOG.atError().addKeyValue("event", "recognition_model_refused").addKeyValue("file", e.file().toString())
                    .addKeyValue("reason", e.getMessage()).log("line model on EFS refused: re-seed it");
            throw e;
        }
        if (model.isEmpty()) {
            LOG.atInfo().addKeyValue("event", "recognition_model").addKeyValue("source", "layer")
                    .addKeyValue("tessdata", layer.tessdata().toString()).addKeyValue("language", layer.language())
                    .log("no line model selected on EFS, reading with the layer's");
            return layer;
        }
        RecognitionModel m = model.get();
        LOG.atInfo().addKeyValue("event", "recognition_model").addKeyValue("source", "efs")
                .addKeyValue("version", m.version()).addKeyValue("language", m.language())
                .addKeyValue("verifyMs", m.verifyMillis()).log("line model verified");
        return layer.withLineModel(m.dir(), m.language());
    }

    /** The verified model {@code current} names; empty when nothing is selected (no {@code current} file). */
    public Optional<RecognitionModel> current() {
        Path pointer = modelDir.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        long t0 = System.nanoTime();
        String version;
        try {
            version = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new RecognitionModelIntegrityException(pointer, "current pointer unreadable", e);
        }
        if (!Ids.isValid(version)) {
            throw new RecognitionModelIntegrityException(pointer, "current pointer holds an invalid version id");
        }
        Path dir = modelDir.resolve(version);
        Path manifestFile = dir.resolve(RecognitionModelManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new RecognitionModelIntegrityException(manifestFile, "current names version '" + version
                    + "' but it has no manifest");
        }
        RecognitionModelManifest manifest;
        try {
            manifest = RecognitionModelManifest.read(manifestFile);
        } catch (IOException e) {
            throw new RecognitionModelIntegrityException(manifestFile, "unreadable manifest", e);
        }
        if (manifest.language() == null || !Ids.isValid(manifest.language())
                || manifest.files().stream().noneMatch(f -> manifest.traineddataFile().equals(f.path()))) {
            throw new RecognitionModelIntegrityException(manifestFile, "manifest does not list {language}.traineddata");
        }
        for (RecognitionModelManifest.FileEntry entry : manifest.files()) {
            verify(dir, entry);
        }
        return Optional.of(new RecognitionModel(version, dir, manifest, Math.round((System.nanoTime() - t0) / 1e6)));
    }

    private static void verify(Path dir, RecognitionModelManifest.FileEntry entry) {
        Path base = dir.toAbsolutePath().normalize();
        Path f = base.resolve(entry.path()).normalize();
        if (entry.path().isBlank() || !f.startsWith(base) || f.equals(base)) {
            throw new RecognitionModelIntegrityException(base, "manifest names a file outside the model: " + entry.path());
        }
        if (!Files.isRegularFile(f)) {
            throw new RecognitionModelIntegrityException(f, "model file missing");
        }
        try {
            long size = Files.size(f);
            if (size != entry.size()) {
                throw new RecognitionModelIntegrityException(f, "model file is " + size + " bytes, manifest says "
                        + entry.size());
            }
            if (!Sha256.of(f).equalsIgnoreCase(entry.sha256())) {
                throw new RecognitionModelIntegrityException(f, "SHA-256 mismatch (corrupt model file)");
            }
        } catch (IOException e) {
            throw new RecognitionModelIntegrityException(f, "model file unreadable", e);
        }
    }
}
