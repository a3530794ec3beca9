package io.deepreader.ocr.recognition;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a Tesseract line model on EFS ({@code models/tessdata/{version}/}): the language
 * name Tesseract loads ({@code {language}.traineddata}), the size and SHA-256 of every file (the same
 * {@code files} list the EFS seeder checks), and where the model came from (source, training, metrics).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecognitionModelManifest(int formatVersion, String name, String version, String language,
                                       List<FileEntry> files, Map<String, Object> source,
                                       Map<String, Object> training, Map<String, Object> metrics,
                                       String createdAt) {
    public static final String FILE_NAME = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One file of the model, relative to the version directory. */
    public record FileEntry(String path, long size, String sha256) {
    }

    public RecognitionModelManifest {
        files = files == null ? List.of() : List.copyOf(files);
        source = source == null ? Map.of() : Map.copyOf(source);
        training = training == null ? Map.of() : Map.copyOf(training);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    public String traineddataFile() {
        return language + ".traineddata";
    }

    public static RecognitionModelManifest read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RecognitionModelManifest.class);
    }
}
