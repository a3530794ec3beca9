package io.deepreader.client.submit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads one file: a single PUT below the threshold, multipart above it. Every request carries a
 * SHA-256 checksum that S3 verifies, so a corrupted transfer is refused rather than stored.
 */
public final class S3Uploader {
    /** S3's minimum part size (except the last part). */
    public static final long MIN_PART = 5L * 1024 * 1024;

    private final S3Client s3;
    private final long multipartThreshold;
    private final long partSize;

    public S3Uploader(S3Client s3, long multipartThreshold, long partSize) {
        if (partSize < MIN_PART) {
            throw new IllegalArgumentException("part size must be at least 5 MiB (S3's minimum)");
        }
        this.s3 = s3;
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    /** Precomputed, so the SDK sends a plain header rather than a streaming trailer (S3-compatible stores). */
    static String sha256Base64(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the ETag S3 stored. */
    public String upload(Path file, byte[] bytes, String bucket, String key, String contentType) throws IOException {
        if (bytes.length < multipartThreshold) {
            return s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType)
                    .checksumSHA256(sha256Base64(bytes)), RequestBody.fromBytes(bytes)).eTag();
        }
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(contentType)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int part = 1, offset = 0; offset < bytes.length; part++, offset += (int) partSize) {
                int length = (int) Math.min(partSize, bytes.length - offset);
                byte[] slice = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
                int number = part;
                var response = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .checksumSHA256(sha256Base64(slice)), RequestBody.fromBytes(slice));
                parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag())
                        .checksumSHA256(sha256Base64(slice)).build());
            }
            return s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).eTag();
        } catch (RuntimeException e) {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            throw e;
        }
    }
}
