package io.deepreader.client.submit;

import com.fasterxml.jackson.core.type.TypeReference;
import io.deepreader.client.Json;
import io.deepreader.ocr.efs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The local record of what is already uploaded, keyed by content-hash document id, so that a re-run
 * (after an interrupt or a crash) skips finished files. Rewritten atomically after every upload.
 */
public final class UploadManifest {
    public record Entry(String file, String bucket, String key, long bytes, String sha256, String etag) {
    }

    private final Path path;
    private final Map<String, Entry> entries;

    private UploadManifest(Path path, Map<String, Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    public static UploadManifest load(Path path) throws IOException {
        if (!Files.exists(path)) {
            return new UploadManifest(path, new TreeMap<>());
        }
        Map<String, Entry> read = Json.mapper().readValue(path.toFile(), new TypeReference<TreeMap<String, Entry>>() { });
        return new UploadManifest(path, read);
    }

    public synchronized boolean isDone(String docId, String bucket, String key) {
        Entry e = entries.get(docId);
        return e != null && e.bucket().equals(bucket) && e.key().equals(key);
    }

    public synchronized void record(String docId, Entry entry) throws IOException {
        entries.put(docId, entry);
        AtomicFiles.writeBytes(path, Json.mapper().writeValueAsBytes(entries));
    }

    public synchronized int size() {
        return entries.size();
    }
}
