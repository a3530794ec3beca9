package io.deepreader.ocr.recognition;

import java.nio.file.Path;

/**
 * The line model selected on EFS does not match its manifest (missing or short file, SHA-256 mismatch,
 * unreadable manifest, {@code current} naming a version that is not there): a partial copy or corruption.
 * The environment refuses to read with it rather than fall back silently; re-seeding fixes it.
 */
public class RecognitionModelIntegrityException extends RecognitionException {
    private final Path file;

    public RecognitionModelIntegrityException(Path file, String reason) {
        super(reason + ": " + file);
        this.file = file;
    }

    public RecognitionModelIntegrityException(Path file, String reason, Throwable cause) {
        super(reason + ": " + file, cause);
        this.file = file;
    }

    /** The offending file or directory. */
    public Path file() {
        return file;
    }
}
