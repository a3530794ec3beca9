package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.document.DocumentException;

/** Where a document's bytes come from (a file on EFS, an S3 object, memory); read once, by the worker. */
@FunctionalInterface
public interface DocumentSource {
    byte[] read() throws DocumentException;
}
