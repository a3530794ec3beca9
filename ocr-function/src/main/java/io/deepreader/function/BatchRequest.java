package io.deepreader.function;

import java.util.List;

/**
 * The function's request: {@code {"batchId": "...", "documents": [{"docId": "...", "efsPath": "inbox/a.pdf"}
 * | {"docId": "...", "s3": {"bucket": "...", "key": "..."}}]}}. S3 event notifications are converted to this.
 */
public record BatchRequest(String batchId, List<DocumentRef> documents) {

    public BatchRequest {
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    public record DocumentRef(String docId, String efsPath, S3Location s3) {
    }

    public record S3Location(String bucket, String key) {
    }
}
