package io.deepreader.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Measured numbers for docs/reliability.md land in target/reliability/, one small file per measurement. */
final class Reports {
    private Reports() {
    }

    static void write(String name, List<String> lines) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "reliability"));
            Files.write(dir.resolve(name), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
