package io.deepreader.extract.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** SROIE task 3 key fields of one receipt ({@code key/NNN.json}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SroieKey(String company, String date, String address, String total) {

    public static SroieKey read(Path file) throws IOException {
        return ResultJson.mapper().readValue(file.toFile(), SroieKey.class);
    }

    /** SROIE's comparison: case and white space do not count. */
    public static String normalize(String value) {
        return value == null ? "" : value.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
    }
}
