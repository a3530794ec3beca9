package io.deepreader.ocr.recognition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the tessdata folder: an explicit path, then the Lambda layer's, then Debian's. */
public final class Tessdata {
    static final List<Path> WELL_KNOWN = List.of(
            Path.of("/opt/tessdata"),
            Path.of("/usr/share/tesseract-ocr/5/tessdata"),
            Path.of("/usr/share/tessdata"));

    private Tessdata() {
    }

    /** @param configured value of TESSDATA_PREFIX or a CLI flag, may be null */
    public static Path locate(String configured, String language) {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(configured).filter(s -> !s.isBlank()).map(Path::of).ifPresent(p -> {
            candidates.add(p);
            candidates.add(p.resolve("tessdata"));
        });
        candidates.addAll(WELL_KNOWN);
        for (Path dir : candidates) {
            if (Files.isRegularFile(dir.resolve(language + ".traineddata"))) {
                return dir;
            }
        }
        throw new RecognitionException("no " + language + ".traineddata in " + candidates
                + " (set TESSDATA_PREFIX; on Debian install tesseract-ocr-" + language + ")");
    }
}
