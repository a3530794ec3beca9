package io.deepreader.ctpn.loader;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} beside a CTPN SavedModel: what the model is (architecture, input scale, anchors,
 * graph signature), the size and SHA-256 of every file it is made of (checked before it is trusted), and
 * where it came from (training data summary, metrics).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(int formatVersion, String name, String version, String architecture,
                            long parameters, InputSpec input, AnchorSpec anchors, SignatureSpec signature,
                            List<FileEntry> files, Map<String, Object> training, Map<String, Object> metrics,
                            String createdAt) {
    public static final String FILE_NAME = "manifest.json";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How a page becomes the input tensor: gray, longest side shrunk to {@code maxSide} (never enlarged),
     * padded to a multiple of {@code stride}, pixel value / 255.
     */
    public record InputSpec(int maxSide, int stride, String normalisation) {
    }

    /** Fine-scale anchors: fixed {@code width}, the given {@code heights} per feature cell. */
    public record AnchorSpec(int width, List<Integer> heights) {
        public AnchorSpec {
            heights = List.copyOf(heights);
        }
    }

    /** Names of the graph tensors to feed and fetch (op names, output 0). */
    public record SignatureSpec(String input, String scores, String dy, String dh) {
    }

    /** One file of the model, path relative to the version directory with '/' separators. */
    public record FileEntry(String path, long size, String sha256) {
    }

    public ModelManifest {
        files = files == null ? List.of() : List.copyOf(files);
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    public ModelManifest withMetrics(Map<String, Object> newMetrics) {
        return new ModelManifest(formatVersion, name, version, architecture, parameters, input, anchors, signature,
                files, training, newMetrics, createdAt);
    }

    public ModelManifest withFiles(List<FileEntry> newFiles) {
        return new ModelManifest(formatVersion, name, version, architecture, parameters, input, anchors, signature,
                newFiles, training, metrics, createdAt);
    }

    public ModelManifest withVersion(String newVersion) {
        return new ModelManifest(formatVersion, name, newVersion, architecture, parameters, input, anchors,
                signature, files, training, metrics, createdAt);
    }

    public long totalBytes() {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    public static ModelManifest read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ModelManifest.class);
    }

    public static ModelManifest parse(byte[] json) throws IOException {
        return JSON.readValue(json, ModelManifest.class);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("manifest not serialisable", e);
        }
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }
}
