package io.deepreader.ctpn.loader;

import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.efs.Ids;
import io.deepreader.ocr.efs.InvalidIdException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The CTPN models on an EFS root: {@code models/ctpn/{version}/} directories (SavedModel + manifest) and
 * {@code models/ctpn/current}, a one-line file naming the version new execution environments load.
 * Versions are immutable once installed; rolling out is installing a new version, then rewriting
 * {@code current} atomically. Warm environments keep the model they loaded until they recycle.
 */
public final class ModelStore {
    public static final String MODEL_NAME = "ctpn";
    public static final String CURRENT = "current";

    private final Path modelDir;

    public ModelStore(EfsLayout layout) {
        this.modelDir = layout.modelDir(MODEL_NAME);
    }

    public ModelStore(Path efsRoot) {
        this(new EfsLayout(efsRoot));
    }

    public Path modelDir() {
        return modelDir;
    }

    public Path versionDir(String version) {
        return modelDir.resolve(Ids.require("model version", version));
    }

    /** The version {@code current} points at. */
    public String currentVersion() {
        Path pointer = modelDir.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) {
            throw new ModelNotFoundException("no model selected: " + pointer + " is missing");
        }
        String version;
        try {
            version = Files.readString(pointer, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + pointer, e);
        }
        if (!Ids.isValid(version)) {
            throw new ModelIntegrityException(pointer, "current pointer holds an invalid version id");
        }
        if (!Files.isDirectory(versionDir(version))) {
            throw new ModelNotFoundException("current points at version '" + version + "' which is not installed");
        }
        return version;
    }

    public List<String> versions() {
        if (!Files.isDirectory(modelDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(modelDir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(Ids::isValid).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code current} at an installed, manifest-bearing version; readers see the old or the new name. */
    public void setCurrent(String version) {
        Path dir = versionDir(version);
        if (!ModelManifest.exists(dir)) {
            throw new ModelNotFoundException("version '" + version + "' is not installed under " + modelDir);
        }
        try {
            AtomicFiles.writeString(modelDir.resolve(CURRENT), version + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Seeds a model: verifies {@code source} against its manifest, copies it into a hidden staging directory
     * next to the target, verifies the copy, and renames it to {@code models/ctpn/{version}} (so a half-copied
     * version is never visible). Installing the same content again is a no-op; different content under an
     * existing version is refused. Optionally switches {@code current}.
     */
    public Path install(Path source, String version, boolean makeCurrent) {
        Ids.require("model version", version);
        ModelManifest manifest = ManifestVerifier.verify(source);
        Path target = versionDir(version);
        if (Files.isDirectory(target)) {
            ModelManifest existing = ManifestVerifier.verify(target);
            if (!existing.files().equals(manifest.files())) {
                throw new InvalidIdException("model version '" + version + "' already installed with different files");
            }
        } else {
            Path staging = modelDir.resolve("." + version + "." + UUID.randomUUID() + ".staging");
            try {
                Files.createDirectories(modelDir);
                copyTree(source, staging);
                ManifestVerifier.verify(staging);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException(new IOException("file system cannot rename atomically: " + modelDir, e));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteTree(staging);
            }
        }
        if (makeCurrent) {
            setCurrent(version);
        }
        return target;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
