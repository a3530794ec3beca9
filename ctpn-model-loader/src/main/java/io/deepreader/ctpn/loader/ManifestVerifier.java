package io.deepreader.ctpn.loader;

import io.deepreader.ocr.efs.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Checks a model directory against its manifest. {@link #checkSizes} is the cheap pass (catches missing and
 * truncated files before TF is asked to read them); {@link #checkDigests} streams every byte through SHA-256
 * and is run alongside the SavedModel load so it costs no extra wall time on a cold start.
 */
public final class ManifestVerifier {
    /** A SavedModel cannot work without these. */
    private static final Set<String> REQUIRED = Set.of("saved_model.pb");

    private ManifestVerifier() {
    }

    public static ModelManifest readManifest(Path dir) {
        Path file = dir.resolve(ModelManifest.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelNotFoundException("no " + ModelManifest.FILE_NAME + " in " + dir);
        }
        ModelManifest m;
        try {
            m = ModelManifest.read(file);
        } catch (IOException e) {
            throw new ModelIntegrityException(file, "unreadable manifest", e);
        }
        if (m.files().isEmpty() || m.input() == null || m.anchors() == null || m.signature() == null) {
            throw new ModelIntegrityException(file, "manifest lacks files, input, anchors or signature");
        }
        for (String required : REQUIRED) {
            if (m.files().stream().noneMatch(f -> f.path().equals(required))) {
                throw new ModelIntegrityException(file, "manifest does not list " + required);
            }
        }
        return m;
    }

    public static void checkSizes(Path dir, ModelManifest manifest) {
        for (ModelManifest.FileEntry entry : manifest.files()) {
            Path f = resolve(dir, entry);
            if (!Files.isRegularFile(f)) {
                throw new ModelIntegrityException(f, "model file missing");
            }
            long size;
            try {
                size = Files.size(f);
            } catch (IOException e) {
                throw new ModelIntegrityException(f, "model file unreadable", e);
            }
            if (size != entry.size()) {
                throw new ModelIntegrityException(f, "model file is " + size + " bytes, manifest says " + entry.size());
            }
        }
    }

    public static void checkDigests(Path dir, ModelManifest manifest) {
        for (ModelManifest.FileEntry entry : manifest.files()) {
            Path f = resolve(dir, entry);
            String actual;
            try {
                actual = Sha256.of(f);
            } catch (IOException e) {
                throw new ModelIntegrityException(f, "model file unreadable", e);
            }
            if (!actual.equalsIgnoreCase(entry.sha256())) {
                throw new ModelIntegrityException(f, "SHA-256 mismatch (corrupt model file)");
            }
        }
    }

    /** Both passes, for seeding and tests. */
    public static ModelManifest verify(Path dir) {
        ModelManifest m = readManifest(dir);
        checkSizes(dir, m);
        checkDigests(dir, m);
        return m;
    }

    private static Path resolve(Path dir, ModelManifest.FileEntry entry) {
        Path base = dir.toAbsolutePath().normalize();
        Path f = base.resolve(entry.path()).normalize();
        if (!f.startsWith(base) || entry.path().isBlank()) {
            throw new ModelIntegrityException(base, "manifest names a file outside the model: " + entry.path());
        }
        return f;
    }
}
