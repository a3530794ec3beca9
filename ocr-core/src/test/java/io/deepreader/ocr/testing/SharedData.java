package io.deepreader.ocr.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/data (set by surefire as the system property {@code shared.dir}). */
public final class SharedData {
    private SharedData() {
    }

    public static Path dir() {
        String configured = System.getProperty("shared.dir", "../shared");
        Path data = Path.of(configured).resolve("data").toAbsolutePath().normalize();
        if (!Files.isDirectory(data)) {
            // Fail loudly, not skip: CI always has shared/ beside the checkout.
            throw new IllegalStateException("shared data not found at " + data);
        }
        return data;
    }

    public static Path tesseractTesting(String name) {
        return dir().resolve("tesseract-testing").resolve(name);
    }

    public static Path sroie() {
        return dir().resolve("sroie-dev");
    }

}
