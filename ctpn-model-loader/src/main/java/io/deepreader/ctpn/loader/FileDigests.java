package io.deepreader.ctpn.loader;

import io.deepreader.ocr.efs.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The file list of a model directory (the manifest itself excluded), with sizes and streamed SHA-256s. */
public final class FileDigests {
    private FileDigests() {
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
            entries.add(new ModelManifest.FileEntry(rel, Files.size(f), Sha256.of(f)));
        }
        return entries;
    }
}
