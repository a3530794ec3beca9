package io.deepreader.ctpn.loader;

import java.nio.file.Path;

/**
 * The model on disk does not match its manifest (missing file, wrong size, wrong SHA-256, unreadable
 * manifest): a partial copy or corruption. Retrying will not help until the model is re-seeded.
 */
public class ModelIntegrityException extends ModelLoadException {
    private final Path file;

    public ModelIntegrityException(Path file, String reason) {
        super(reason + ": " + file);
        this.file = file;
    }

    public ModelIntegrityException(Path file, String reason, Throwable cause) {
        super(reason + ": " + file, cause);
        this.file = file;
    }

    /** The offending file (or directory). */
    public Path file() {
        return file;
    }
}
