package io.deepreader.efs.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.util.List;

/**
 * The part of a bundle's {@code manifest.json} that seeding relies on: every file with its size and
 * SHA-256. Model manifests (ctpn-model-loader's ModelManifest) and framework manifests share this
 * {@code files} shape; other fields are kept verbatim because the manifest is copied as it is.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BundleManifest(String name, String version, List<FileEntry> files) {
    public static final String FILE_NAME = "manifest.json";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BundleManifest {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** One file, path relative to the bundle directory with '/' separators. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FileEntry(String path, long size, String sha256) {
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    public static BundleManifest parse(byte[] json) throws IOException {
        BundleManifest manifest = JSON.readValue(json, BundleManifest.class);
        if (manifest.files().isEmpty()) {
            throw new IOException("manifest lists no files");
        }
        return manifest;
    }
}
