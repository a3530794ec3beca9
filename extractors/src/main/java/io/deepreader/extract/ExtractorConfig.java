package io.deepreader.extract;

import io.deepreader.extract.formats.OutputFormat;
import io.deepreader.extract.formats.SearchablePdfWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The extractor's settings, read once from the environment at the edge.
 * <ul>
 *   <li>{@code EFS_ROOT} (default {@code /mnt/efs}): where the OCR function's output lives;</li>
 *   <li>{@code EXTRACT_FORMATS} (default {@code HOCR,ALTO,TEXTRACT,PDF,TABLES}; {@code NONE} for none):
 *       formats written when a request does not name its own;</li>
 *   <li>{@code PDF_DPI} (default 300): the resolution assumed for page images in the searchable PDF.</li>
 * </ul>
 */
public record ExtractorConfig(Path efsRoot, Set<OutputFormat> defaultFormats, float pdfDpi) {

    public ExtractorConfig {
        defaultFormats = defaultFormats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(defaultFormats));
        if (pdfDpi <= 0) {
            throw new IllegalArgumentException("PDF_DPI must be positive: " + pdfDpi);
        }
    }

    public static ExtractorConfig fromEnv(Map<String, String> env) {
        return new ExtractorConfig(Path.of(env.getOrDefault("EFS_ROOT", "/mnt/efs")),
                formats(env.getOrDefault("EXTRACT_FORMATS", "HOCR,ALTO,TEXTRACT,PDF,TABLES")),
                Float.parseFloat(env.getOrDefault("PDF_DPI", String.valueOf(SearchablePdfWriter.DEFAULT_DPI))));
    }

    static Set<OutputFormat> formats(String list) {
        if (list.isBlank() || list.strip().equalsIgnoreCase("NONE")) {
            return Set.of();
        }
        return Set.copyOf(Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(OutputFormat::parse).toList());
    }
}
