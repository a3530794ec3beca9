package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.efs.Ids;

/** One document of a batch: a validated id and where to read it from. */
public record DocumentTask(String docId, DocumentSource source) {
    public DocumentTask {
        Ids.require("document id", docId);
    }
}
