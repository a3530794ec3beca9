package io.deepreader.efs.seed;

import java.io.IOException;

/** A copied file does not match its manifest entry (size or SHA-256): nothing is installed. */
public final class SeedIntegrityException extends IOException {
    public SeedIntegrityException(String message) {
        super(message);
    }
}
