package io.deepreader.efs.seed;

import java.io.IOException;
import java.io.InputStream;

/** Where a bundle (manifest.json + the files it lists) is read from: a local folder or an S3 prefix. */
public interface BundleSource {

    /** Opens {@code relativePath} ('/'-separated, already validated) for reading. */
    InputStream open(String relativePath) throws IOException;

    /** For logs: where the bundle comes from. */
    String describe();
}
