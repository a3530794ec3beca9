package io.deepreader.function;

import java.util.List;

/**
 * The function's request: {@code {"batchId": "...", "documents": [{"docId": "...", "efsPath": "inbox/a.pdf"}
 * | {"docId": "...", "s3": {"bucket": "...", "key": "..."}}]}}. S3 event notifications are converted to this.
 */
public record BatchRequest(String batchId, List<DocumentRef> documents) {

    /** A null entry stands for one that is not a document object; it fails alone as InvalidRequest. */
    public BatchRequest {
        documents = documents == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(documents));
    }

    public record DocumentRef(String docId, String efsPath, S3Location s3) {
    }

    public record S3Location(String bucket, String key) {
    }
}
