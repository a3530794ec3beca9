package io.deepreader.layer;

import java.util.List;

/**
 * The layer's version file ({@code /opt/tesseract-layer.json}): what was built, from where, and every
 * file with its size and SHA-256, so a function can log what it runs on and an operator can compare layers.
 */
public record LayerManifest(int schemaVersion, String tesseractVersion, String buildSource, List<String> languages,
                            List<Entry> files) {

    public static final String FILE_NAME = "tesseract-layer.json";

    public LayerManifest {
        languages = List.copyOf(languages);
        files = List.copyOf(files);
    }

    public record Entry(String path, long size, String sha256) {
    }

    public long totalBytes() {
        return files.stream().mapToLong(Entry::size).sum();
    }
}
