package io.deepreader.efs.seed;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/** A bundle under an S3 prefix ({@code s3://bucket/seed/models/ctpn/v3/manifest.json} and its files). */
public record S3Source(S3Client s3, String bucket, String prefix) implements BundleSource {

    public S3Source {
        prefix = prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
    }

    @Override
    public InputStream open(String relativePath) throws IOException {
        String key = prefix + relativePath;
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException("s3://" + bucket + "/" + key);
        } catch (SdkException e) {
            throw new IOException("cannot read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
