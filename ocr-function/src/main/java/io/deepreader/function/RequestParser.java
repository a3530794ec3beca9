package io.deepreader.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.Ids;
import io.deepreader.ocr.efs.Sha256;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads either a batch request or an S3 event notification into a {@link BatchRequest}. */
final class RequestParser {
    private RequestParser() {
    }

    /** The top-level fields of a batch request; anything else is a client's mistake, not something to ignore. */
    private static final Set<String> BATCH_FIELDS = Set.of("batchId", "documents");
    /**
     * Lambda caps a response at 6 MB. A compact outcome is ~120 bytes ok and up to ~600 failed (long messages),
     * so 1000 documents answer in well under 1 MB; and 1000 pages already take a 15-minute invocation to its end.
     */
    static final int MAX_DOCUMENTS = 1000;

    /**
     * @throws InvalidRequestException not JSON, not an object, unknown top-level fields, no documents list
     * @throws io.deepreader.ocr.efs.InvalidIdException the batch id cannot be a folder name
     */
    static BatchRequest parse(InputStream input) throws IOException {
        JsonNode root;
        try {
            root = ResultJson.mapper().readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("request is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("request must be a JSON object");
        }
        if (root.has("Records")) {
            return fromS3Event(root.get("Records"));
        }
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!BATCH_FIELDS.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException("unknown top-level field(s) " + unknown + "; a batch request has "
                    + "\"batchId\" and \"documents\"");
        }
        JsonNode documents = root.get("documents");
        if (documents == null || !documents.isArray()) {
            throw new InvalidRequestException("\"documents\" must be a list of {docId, efsPath | s3} objects");
        }
        if (documents.size() > MAX_DOCUMENTS) {
            throw new InvalidRequestException(documents.size() + " documents, over the limit of " + MAX_DOCUMENTS
                    + " per request; split the batch into several requests under the same batchId");
        }
        String batchId = root.path("batchId").isTextual() ? root.get("batchId").asText() : null;
        Ids.require("batch id", batchId);
        List<BatchRequest.DocumentRef> refs = new ArrayList<>(documents.size());
        for (JsonNode document : documents) {
            refs.add(documentRef(document));
        }
        return new BatchRequest(batchId, refs);
    }

    /** An entry that is not a document object (null, a string, wrongly typed fields) is null: it fails alone. */
    private static BatchRequest.DocumentRef documentRef(JsonNode document) {
        if (!document.isObject()) {
            return null;
        }
        try {
            return ResultJson.mapper().treeToValue(document, BatchRequest.DocumentRef.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * One S3 notification becomes a batch named after the bucket; each object's document id is its file
     * name made safe plus a hash of bucket/key, so two keys never collide and the id is stable on retry.
     */
    private static BatchRequest fromS3Event(JsonNode records) {
        List<BatchRequest.DocumentRef> docs = new ArrayList<>();
        String bucket = null;
        for (JsonNode record : records) {
            if (isRemoval(record.path("eventName").asText())) {
                continue; // the object is gone: nothing to read, and its earlier result must stay
            }
            JsonNode s3 = record.path("s3");
            bucket = s3.path("bucket").path("name").asText();
            // Keys arrive URL-encoded in notifications ('+' for spaces).
            String key = URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8);
            docs.add(new BatchRequest.DocumentRef(documentIdFor(bucket, key), null, new BatchRequest.S3Location(bucket, key)));
        }
        String batchId = "s3-" + safe(bucket == null ? "event" : bucket);
        return new BatchRequest(batchId, docs);
    }

    /** S3 names deletions ObjectRemoved:Delete / :DeleteMarkerCreated and expiry LifecycleExpiration:*. */
    private static boolean isRemoval(String eventName) {
        String name = eventName.startsWith("s3:") ? eventName.substring(3) : eventName;
        return name.startsWith("ObjectRemoved") || name.startsWith("LifecycleExpiration");
    }

    static String documentIdFor(String bucket, String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        String base = safe(name);
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        return base + "-" + Sha256.of((bucket + "/" + key).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    private static String safe(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.{2,}", "_").replaceAll("^[._-]+", "");
        return cleaned.isEmpty() ? "doc" : cleaned;
    }
}
