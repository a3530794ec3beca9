package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.document.DecodedDocument;
import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.document.DocumentException;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.result.PageResult;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function's core: one document in, its pages' outputs on EFS, an outcome back. A bad document
 * becomes a FAILED outcome, never an exception, so the rest of the batch goes on.
 */
public final class OcrPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(OcrPipeline.class);

    private final DocumentDecoder decoder;
    private final PageProcessor pages;
    private final OutputWriter writer;

    public OcrPipeline(DocumentDecoder decoder, PageProcessor pages, EfsLayout layout) {
        this.decoder = decoder;
        this.pages = pages;
        this.writer = new OutputWriter(layout);
    }

    public String detectorName() {
        return pages.detector().name();
    }

    public DocumentOutcome process(String batchId, DocumentTask task) {
        long start = System.nanoTime();
        String docId = task.docId();
        try {
            byte[] bytes = task.source().read();
            String sha256 = sha256(bytes);
            var previous = writer.completedManifest(batchId, docId, sha256, pages.detector().name());
            if (previous.isPresent()) {
                // Same bytes already done: a retried batch must not redo (or duplicate) work.
                var m = previous.get();
                return DocumentOutcome.ok(docId, m.pages().size(), m.lines(), elapsed(start), true);
            }
            try (DecodedDocument document = decoder.open(bytes)) {
                List<String> pageNames = new ArrayList<>();
                int lines = 0;
                for (int i = 0; i < document.pageCount(); i++) {
                    long decodeStart = System.nanoTime();
                    GrayImage image = document.page(i);
                    long decodeMs = Math.round((System.nanoTime() - decodeStart) / 1e6);
                    PageProcessor.Processed processed = pages.process(batchId, docId, i + 1, image);
                    PageResult result = withTiming(processed.result(), "decodeMs", decodeMs);
                    long writeStart = System.nanoTime();
                    writer.writePage(batchId, docId, new PageProcessor.Processed(result, processed.detections(), processed.preprocessed()));
                    lines += result.lines().size();
                    pageNames.add(EfsLayout.pageName(i + 1));
                    LOG.info("page done batch={} doc={} page={} lines={} timings={} writeMs={}", batchId, docId, i + 1,
                            result.lines().size(), result.timingsMs(), Math.round((System.nanoTime() - writeStart) / 1e6));
                }
                writer.writeManifest(new DocumentManifest(DocumentManifest.SCHEMA_VERSION, batchId, docId,
                        DocumentStatus.OK, null, null, sha256, bytes.length, document.format().name(),
                        pages.detector().name(), pageNames, lines));
                return DocumentOutcome.ok(docId, pageNames.size(), lines, elapsed(start), false);
            }
        } catch (DocumentException e) {
            LOG.warn("document failed batch={} doc={} error={} message={}", batchId, docId, e.errorType(), e.getMessage());
            writer.writeFailureQuietly(batchId, docId, e.errorType(), e.getMessage());
            return DocumentOutcome.failed(docId, e.errorType(), e.getMessage(), elapsed(start));
        } catch (UncheckedIOException e) {
            return fault(batchId, docId, "OutputWriteFailed", e.getCause(), start);
        } catch (RuntimeException | OutOfMemoryError e) {
            return fault(batchId, docId, "InternalError", e, start);
        }
    }

    private DocumentOutcome fault(String batchId, String docId, String type, Throwable e, long start) {
        LOG.error("document fault batch={} doc={} error={}", batchId, docId, type, e);
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        writer.writeFailureQuietly(batchId, docId, type, message);
        return DocumentOutcome.failed(docId, type, message, elapsed(start));
    }

    private static PageResult withTiming(PageResult r, String key, long ms) {
        var timings = new java.util.TreeMap<>(r.timingsMs());
        timings.put(key, ms);
        return new PageResult(r.schemaVersion(), r.batchId(), r.docId(), r.page(), r.width(), r.height(),
                r.skewDegrees(), r.detector(), r.blocks(), timings);
    }

    private static long elapsed(long start) {
        return Math.round((System.nanoTime() - start) / 1e6);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every JVM", e);
        }
    }
}
