package io.deepreader.ctpn.loader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Streaming SHA-256 and the file list of a model directory (the manifest itself excluded). */
public final class FileDigests {
    private FileDigests() {
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every regular file under {@code dir} except {@code manifest.json}, sorted, with size and digest. */
    public static List<ModelManifest.FileEntry> describe(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !dir.relativize(p).toString().equals(ModelManifest.FILE_NAME))
                    .sorted().toList();
        }
        List<ModelManifest.FileEntry> entries = new ArrayList<>();
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            entries.add(new ModelManifest.FileEntry(rel, Files.size(f), sha256(f)));
        }
        return entries;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
