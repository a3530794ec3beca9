package io.deepreader.efs.seed;

import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.efs.Ids;
import io.deepreader.ocr.efs.InvalidIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Installs a bundle (a model version or a framework) on the EFS root: every file is copied into a
 * staging directory beside the target and checked against the manifest's size and SHA-256, the
 * manifest is written last, and the staging directory is renamed into place in one step, so a reader
 * sees either no bundle or a whole verified one. Installed bundles are immutable: seeding the same
 * bundle again does nothing, seeding a different one to the same place is refused. An optional
 * pointer file (e.g. {@code models/ctpn/current}) is then rewritten atomically to name the new version.
 */
public final class EfsSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(EfsSeeder.class);

    private final EfsLayout layout;

    public EfsSeeder(EfsLayout layout) {
        this.layout = layout;
    }

    /**
     * @param target  the bundle's directory relative to the EFS root, e.g. {@code models/ctpn/v3}
     * @param pointer a file relative to the root to point at the target's last segment, or null
     */
    public SeedResult seed(BundleSource source, String target, String pointer) throws IOException {
        long start = System.nanoTime();
        Path finalDir = validatedDirectory(target);
        byte[] manifestBytes;
        try (InputStream in = source.open(BundleManifest.FILE_NAME)) {
            manifestBytes = in.readAllBytes();
        }
        BundleManifest manifest = BundleManifest.parse(manifestBytes);
        for (BundleManifest.FileEntry entry : manifest.files()) {
            validatedFile(entry.path());
        }

        boolean copied = false;
        if (!alreadyInstalled(finalDir, manifestBytes, manifest)) {
            Path staging = finalDir.resolveSibling(".staging-" + finalDir.getFileName() + "-" + UUID.randomUUID());
            try {
                for (BundleManifest.FileEntry entry : manifest.files()) {
                    copyVerified(source, entry, staging.resolve(entry.path()));
                }
                AtomicFiles.writeBytes(staging.resolve(BundleManifest.FILE_NAME), manifestBytes);
                try {
                    Files.move(staging, finalDir, StandardCopyOption.ATOMIC_MOVE);
                    copied = true;
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                    // Another seeding run installed it first; fine if it is the same bundle.
                    if (!alreadyInstalled(finalDir, manifestBytes, manifest)) {
                        throw raced;
                    }
                }
            } finally {
                deleteTree(staging);
            }
        }
        if (pointer != null) {
            AtomicFiles.writeString(validatedFile(pointer), finalDir.getFileName() + "\n");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        SeedResult result = new SeedResult(target, manifest.files().size(), manifest.totalBytes(), copied, millis);
        LOG.atInfo().addKeyValue("source", source.describe()).addKeyValue("target", target)
                .addKeyValue("files", result.files()).addKeyValue("bytes", result.bytes()).addKeyValue("copied", copied)
                .addKeyValue("totalMs", millis).log("bundle seeded");
        return result;
    }

    private boolean alreadyInstalled(Path dir, byte[] manifestBytes, BundleManifest manifest) throws IOException {
        Path installed = dir.resolve(BundleManifest.FILE_NAME);
        if (!Files.exists(dir)) {
            return false;
        }
        if (!Files.isRegularFile(installed) || !Arrays.equals(Files.readAllBytes(installed), manifestBytes)) {
            throw new IllegalStateException("installed bundles are immutable: " + dir
                    + " already exists with a different manifest; seed a new version instead");
        }
        for (BundleManifest.FileEntry entry : manifest.files()) {
            Path file = dir.resolve(entry.path());
            if (!Files.isRegularFile(file) || Files.size(file) != entry.size()) {
                throw new SeedIntegrityException("installed bundle is damaged: " + file);
            }
        }
        return true;
    }

    private static void copyVerified(BundleSource source, BundleManifest.FileEntry entry, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        MessageDigest sha256 = sha256();
        long size;
        try (InputStream raw = source.open(entry.path());
             DigestInputStream in = new DigestInputStream(raw, sha256);
             OutputStream out = Files.newOutputStream(target)) {
            size = in.transferTo(out);
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (size != entry.size() || !digest.equalsIgnoreCase(entry.sha256())) {
            throw new SeedIntegrityException(String.format("%s from %s: expected %d bytes sha256 %s, got %d bytes sha256 %s",
                    entry.path(), source.describe(), entry.size(), entry.sha256(), size, digest));
        }
    }

    /** A directory under the root whose every segment is a valid id (no dot-files, no parents). */
    private Path validatedDirectory(String relative) {
        return validatedFile(relative);
    }

    private Path validatedFile(String relative) {
        if (relative == null || relative.isBlank()) {
            throw new InvalidIdException("empty path");
        }
        for (String segment : relative.split("/")) {
            Ids.require("path segment", segment);
        }
        return layout.resolveRelative(relative);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
