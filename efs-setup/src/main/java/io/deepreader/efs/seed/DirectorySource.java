package io.deepreader.efs.seed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A bundle in a local folder (a build output, or a folder synced from S3). */
public record DirectorySource(Path root) implements BundleSource {

    @Override
    public InputStream open(String relativePath) throws IOException {
        return Files.newInputStream(root.resolve(relativePath));
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
