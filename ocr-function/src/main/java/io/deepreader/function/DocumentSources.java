package io.deepreader.function;

import io.deepreader.ocr.document.DocumentLimitException;
import io.deepreader.ocr.document.DocumentNotFoundException;
import io.deepreader.ocr.document.SourceUnavailableException;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pipeline.DocumentSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Turns a request's document reference into a source read lazily by the worker that processes it. */
final class DocumentSources {
    private final EfsLayout layout;
    private final Supplier<S3Client> s3;
    private final long maxBytes;

    DocumentSources(EfsLayout layout, Supplier<S3Client> s3, long maxBytes) {
        this.layout = layout;
        this.s3 = s3;
        this.maxBytes = maxBytes;
    }

    DocumentSource of(BatchRequest.DocumentRef ref) {
        if (ref.efsPath() != null && ref.s3() != null) {
            throw new IllegalArgumentException("document " + ref.docId() + " names both efsPath and s3; give one");
        }
        if (ref.efsPath() != null) {
            Path path = layout.resolveRelative(ref.efsPath());
            return () -> readFile(path, ref.efsPath());
        }
        if (ref.s3() != null && ref.s3().bucket() != null && ref.s3().key() != null) {
            return () -> readObject(ref.s3());
        }
        throw new IllegalArgumentException("document " + ref.docId() + " names neither efsPath nor s3 bucket/key");
    }

    private byte[] readFile(Path path, String shown) throws DocumentNotFoundException, DocumentLimitException {
        try {
            // A FIFO or device would block the worker on read forever; a directory is no document either.
            if (!Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).isRegularFile()) {
                throw new DocumentNotFoundException("not a regular file on EFS: " + shown, null);
            }
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new DocumentLimitException(size + " bytes, over the limit of " + maxBytes);
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new DocumentNotFoundException("no such file on EFS: " + shown, e);
        } catch (IOException e) {
            throw new DocumentNotFoundException("cannot read " + shown + ": " + e.getMessage(), e);
        }
    }

    private byte[] readObject(BatchRequest.S3Location loc) throws DocumentNotFoundException, SourceUnavailableException {
        try {
            return s3.get().getObjectAsBytes(GetObjectRequest.builder().bucket(loc.bucket()).key(loc.key()).build()).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new DocumentNotFoundException("no such S3 object: s3://" + loc.bucket() + "/" + loc.key(), e);
        } catch (SdkException e) {
            // The SDK already retried with backoff; what is left is transient for the caller to retry.
            throw new SourceUnavailableException("cannot read s3://" + loc.bucket() + "/" + loc.key() + ": " + e.getMessage(), e);
        }
    }
}
