package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.document.DecodedDocument;
import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.document.DocumentException;
import io.deepreader.ocr.document.DocumentFormat;
import io.deepreader.ocr.document.ExifOrientation;
import io.deepreader.ocr.efs.Sha256;
import io.deepreader.ocr.pdftext.PdfTextLayer;
import io.deepreader.ocr.pdftext.PdfTextMode;
import io.deepreader.ocr.pdftext.TextLayerCheck;
import io.deepreader.ocr.pdftext.TextLayerFiles;
import io.deepreader.ocr.pdftext.TextLayerVerdict;
import io.deepreader.ocr.result.PageDetections;
import io.deepreader.ocr.efs.DocumentLocks;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.result.PageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The function's core: one document in, its pages' outputs on EFS, an outcome back. A bad document
 * becomes a FAILED outcome, never an exception, so the rest of the batch goes on.
 */
public final class OcrPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(OcrPipeline.class);
    /** MDC keys: every line logged while a document is processed carries them. */
    public static final String BATCH_ID = "batchId";
    public static final String DOC_ID = "docId";

    private final DocumentDecoder decoder;
    private final PageProcessor pages;
    private final OutputWriter writer;
    private final PdfTextMode pdfText;
    private final DocumentLocks locks;

    /** PDF pages with a usable text layer are read from it ({@code PDF_TEXT=auto}, the default). */
    public OcrPipeline(DocumentDecoder decoder, PageProcessor pages, EfsLayout layout) {
        this(decoder, pages, layout, PdfTextMode.AUTO);
    }

    /** The PDF_TEXT setting as document.json records it. */
    private String pdfTextSetting() {
        return pdfText.name().toLowerCase(java.util.Locale.ROOT);
    }

    public OcrPipeline(DocumentDecoder decoder, PageProcessor pages, EfsLayout layout, PdfTextMode pdfText) {
        this.decoder = decoder;
        this.pages = pages;
        this.writer = new OutputWriter(layout);
        this.pdfText = pdfText;
        this.locks = new DocumentLocks(layout);
    }

    /** The document locks every attempt takes; the sweep of leftovers takes the same (one instance per JVM). */
    public DocumentLocks locks() {
        return locks;
    }

    public String detectorName() {
        return pages.detector().name();
    }

    /** Without a time limit (CLI, tests). */
    public DocumentOutcome process(String batchId, DocumentTask task) {
        return process(batchId, task, () -> false);
    }

    /**
     * Logs under the batch and document ids (MDC), restoring the caller's ids afterwards.
     *
     * @param outOfTime asked before every page after the first: once true, the document stops and comes back DEFERRED with
     *                  nothing published, so the invocation answers before its deadline; the pages finished are kept
     *                  and a retry of the same bytes and settings goes on from the next page
     */
    public DocumentOutcome process(String batchId, DocumentTask task, java.util.function.BooleanSupplier outOfTime) {
        String callerBatch = MDC.get(BATCH_ID);
        String callerDoc = MDC.get(DOC_ID);
        MDC.put(BATCH_ID, batchId);
        MDC.put(DOC_ID, String.valueOf(task.docId()));
        try {
            return processLogged(batchId, task, outOfTime);
        } finally {
            restore(BATCH_ID, callerBatch);
            restore(DOC_ID, callerDoc);
        }
    }

    /** One writer per document at a time, across threads and invocations: the rest wait, then usually reuse. */
    private DocumentOutcome processLogged(String batchId, DocumentTask task, java.util.function.BooleanSupplier outOfTime) {
        long start = System.nanoTime();
        try (DocumentLocks.Held lock = locks.acquire(batchId, task.docId())) {
            return processLocked(batchId, task, outOfTime, start);
        } catch (IOException e) {
            return fault(batchId, task.docId(), "OutputWriteFailed", e, start);
        }
    }

    private DocumentOutcome processLocked(String batchId, DocumentTask task, java.util.function.BooleanSupplier outOfTime,
                                          long start) {
        String docId = task.docId();
        try {
            byte[] bytes = task.source().read();
            String sha256 = Sha256.of(bytes);
            var previous = writer.completedManifest(batchId, docId, sha256, pages.detector().name(), pdfTextSetting());
            if (previous.isPresent()) {
                // Same bytes already done: a retried batch must not redo (or duplicate) work.
                var m = previous.get();
                DocumentOutcome outcome = DocumentOutcome.ok(docId, m.pages().size(), m.lines(), elapsed(start), true);
                LOG.atInfo().addKeyValue("pages", m.pages().size()).addKeyValue("lines", m.lines())
                        .addKeyValue("totalMs", outcome.millis()).log("document reused");
                return outcome;
            }
            try (DecodedDocument document = decoder.open(bytes);
                 PdfTextLayer textLayer = document.format() == DocumentFormat.PDF && pdfText != PdfTextMode.NEVER
                         ? PdfTextLayer.open(bytes, decoder.limits().pdfDpi(), pdfText, TextLayerCheck.DEFAULT) : null;
                 OutputWriter.Staged staged = writer.stageResuming(batchId, docId, sha256, pages.detector().name(),
                         pdfTextSetting())) {
                List<String> pageNames = new ArrayList<>();
                List<String> warnings = new ArrayList<>();
                int lines = 0;
                var resumed = staged.resumed();
                if (resumed.isPresent()) {
                    pageNames.addAll(resumed.get().pages());
                    warnings.addAll(resumed.get().warnings());
                    lines = resumed.get().lines();
                }
                int first = pageNames.size();
                Map<String, Long> stageTotals = new TreeMap<>();
                for (int i = first; i < document.pageCount(); i++) {
                    // The first page of this attempt follows the check made before the document started.
                    if (i > first && outOfTime.getAsBoolean()) {
                        // The finished pages stay for the retry, which goes on from page i + 1.
                        staged.keepForRetry(progress(batchId, docId, sha256, document, pageNames, lines, warnings));
                        LOG.atWarn().addKeyValue("page", i + 1).addKeyValue("pages", document.pageCount())
                                .addKeyValue("pagesDone", i).addKeyValue("pagesRead", i - first)
                                .addKeyValue("totalMs", elapsed(start)).log("document deferred between pages");
                        return DocumentOutcome.deferredAfter(docId, "stopped before page " + (i + 1) + " of "
                                + document.pageCount() + " as the invocation's time ran out, " + i
                                + " pages done and kept; retry it to go on from page " + (i + 1), i, elapsed(start));
                    }
                    PdfTextLayer.Page fromText = textLayer == null ? null : textLayer.read(batchId, docId, i);
                    PageProcessor.Processed processed;
                    PageResult result;
                    if (fromText != null && fromText.result().isPresent()) {
                        processed = textLayerPage(fromText.result().get());
                        result = processed.result();
                    } else {
                        long decodeStart = System.nanoTime();
                        GrayImage image = document.page(i);
                        long decodeMs = Math.round((System.nanoTime() - decodeStart) / 1e6);
                        ExifOrientation exif = document.storedOrientation(i);
                        processed = pages.process(batchId, docId, i + 1, image, exif.degrees(), exif.mirrored());
                        result = withTiming(processed.result(), "decodeMs", decodeMs);
                    }
                    long writeStart = System.nanoTime();
                    staged.writePage(new PageProcessor.Processed(result, processed.detections(), processed.preprocessed()));
                    if (fromText != null) {
                        writeTextLayer(staged.files(), i + 1, textLayer, fromText.verdict());
                    }
                    lines += result.lines().size();
                    for (String warning : result.warnings()) {
                        warnings.add("page " + (i + 1) + ": " + warning);
                    }
                    pageNames.add(EfsLayout.pageName(i + 1));
                    if (i + 1 < document.pageCount()) {
                        // Durable as soon as it is done: an attempt killed from here on leaves this page to the next.
                        staged.recordProgress(progress(batchId, docId, sha256, document, pageNames, lines, warnings));
                    }
                    Map<String, Long> stages = new TreeMap<>(result.timingsMs());
                    stages.put("writeMs", Math.round((System.nanoTime() - writeStart) / 1e6));
                    stages.forEach((stage, ms) -> stageTotals.merge(stage, ms, Long::sum));
                    var pageLine = LOG.atInfo().addKeyValue("page", i + 1).addKeyValue("lines", result.lines().size());
                    stages.forEach(pageLine::addKeyValue);
                    if (!result.warnings().isEmpty()) {
                        pageLine.addKeyValue("warnings", String.join(",", result.warnings()));
                    }
                    pageLine.log("page done");
                }
                staged.publish(new DocumentManifest(DocumentManifest.SCHEMA_VERSION, batchId, docId,
                        DocumentStatus.OK, null, null, sha256, bytes.length, document.format().name(),
                        pages.detector().name(), pageNames, lines,
                        document.format() == DocumentFormat.PDF ? pdfTextSetting() : null));
                DocumentOutcome outcome = first > 0
                        ? DocumentOutcome.resumed(docId, pageNames.size(), lines, elapsed(start), warnings, first)
                        : DocumentOutcome.ok(docId, pageNames.size(), lines, elapsed(start), false, warnings);
                var documentLine = LOG.atInfo().addKeyValue("format", document.format().name())
                        .addKeyValue("bytes", bytes.length).addKeyValue("pages", pageNames.size()).addKeyValue("lines", lines)
                        .addKeyValue("pagesRead", pageNames.size() - first);
                stageTotals.forEach(documentLine::addKeyValue);
                documentLine.addKeyValue("totalMs", outcome.millis()).log("document done");
                return outcome;
            }
        } catch (DocumentException e) {
            LOG.atWarn().addKeyValue("errorType", e.errorType()).addKeyValue("errorMessage", e.getMessage())
                    .addKeyValue("totalMs", elapsed(start)).log("document failed");
            return DocumentOutcome.failed(docId, e.errorType(), recordFailure(batchId, docId, e.errorType(), e.getMessage()),
                    elapsed(start));
        } catch (UncheckedIOException e) {
            return fault(batchId, docId, "OutputWriteFailed", e.getCause(), start);
        } catch (RuntimeException | OutOfMemoryError e) {
            return fault(batchId, docId, "InternalError", e, start);
        }
    }

    private PartialDocument progress(String batchId, String docId, String sha256, DecodedDocument document,
                                     List<String> pageNames, int lines, List<String> warnings) {
        return new PartialDocument(PartialDocument.SCHEMA_VERSION, batchId, docId, sha256, document.format().name(),
                pages.detector().name(), pdfTextSetting(), pageNames, lines, warnings);
    }

    private DocumentOutcome fault(String batchId, String docId, String type, Throwable e, long start) {
        LOG.atError().addKeyValue("errorType", type).addKeyValue("totalMs", elapsed(start)).setCause(e).log("document fault");
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return DocumentOutcome.failed(docId, type, recordFailure(batchId, docId, type, message), elapsed(start));
    }

    /** The failure goes into document.json unless a completed result is there; the answer says which. */
    private String recordFailure(String batchId, String docId, String type, String message) {
        return writer.writeFailureQuietly(batchId, docId, type, message)
                ? message + " (the completed result of an earlier attempt is kept)"
                : message;
    }

    /** A page read from its text layer: its lines stand as the detections, and there is no page image. */
    private static PageProcessor.Processed textLayerPage(PageResult result) {
        List<DetectedLine> lines = result.lines().stream().map(l -> new DetectedLine(l.box(), l.detectionScore())).toList();
        return new PageProcessor.Processed(result, new PageDetections(PageResult.SCHEMA_VERSION, result.docId(),
                result.page(), result.width(), result.height(), result.detector(), lines), null);
    }

    private static void writeTextLayer(EfsLayout.DocumentFiles files, int page, PdfTextLayer textLayer,
                                       TextLayerVerdict verdict) {
        try {
            TextLayerFiles.write(files, page, textLayer, verdict);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static PageResult withTiming(PageResult r, String key, long ms) {
        var timings = new java.util.TreeMap<>(r.timingsMs());
        timings.put(key, ms);
        return new PageResult(r.schemaVersion(), r.batchId(), r.docId(), r.page(), r.width(), r.height(),
                r.skewDegrees(), r.orientationDegrees(), r.detector(), r.blocks(), timings, r.warnings(), r.mirrored());
    }

    private static long elapsed(long start) {
        return Math.round((System.nanoTime() - start) / 1e6);
    }
}
