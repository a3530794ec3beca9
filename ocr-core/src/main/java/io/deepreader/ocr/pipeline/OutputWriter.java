package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a document's outputs under its EFS folder, each file atomically; the manifest last. */
final class OutputWriter {
    private static final Logger LOG = LoggerFactory.getLogger(OutputWriter.class);
    private final EfsLayout layout;

    OutputWriter(EfsLayout layout) {
        this.layout = layout;
    }

    void writePage(String batchId, String docId, PageProcessor.Processed page) {
        int n = page.result().page();
        var mapper = ResultJson.mapper();
        try {
            if (page.preprocessed() != null) { // null: read from the PDF's text layer, never rendered
                AtomicFiles.write(layout.preprocessedPage(batchId, docId, n),
                        out -> ImageIO.write(page.preprocessed().toBufferedImage(), "png", out));
            }
            AtomicFiles.write(layout.detections(batchId, docId, n), out -> mapper.writeValue(out, page.detections()));
            AtomicFiles.write(layout.ocrJson(batchId, docId, n), out -> mapper.writeValue(out, page.result()));
            AtomicFiles.writeString(layout.pageText(batchId, docId, n), page.result().text() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void writeManifest(DocumentManifest manifest) {
        try {
            AtomicFiles.write(layout.documentManifest(manifest.batchId(), manifest.docId()),
                    out -> ResultJson.mapper().writeValue(out, manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records the failure for downstream readers; if even that cannot be written, the outcome still says it. */
    void writeFailureQuietly(String batchId, String docId, String errorType, String message) {
        try {
            writeManifest(new DocumentManifest(DocumentManifest.SCHEMA_VERSION, batchId, docId, DocumentStatus.FAILED,
                    errorType, message, null, 0, null, null, List.of(), 0));
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("errorType", errorType).addKeyValue("cause", e.toString())
                    .log("could not record the failure manifest");
        }
    }

    /** A finished manifest for exactly these bytes and this detector, whose page files are all still there. */
    Optional<DocumentManifest> completedManifest(String batchId, String docId, String sha256, String detector) {
        Path path = layout.documentManifest(batchId, docId);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            DocumentManifest m = ResultJson.mapper().readValue(path.toFile(), DocumentManifest.class);
            boolean complete = m.status() == DocumentStatus.OK && sha256.equals(m.sourceSha256())
                    && detector.equals(m.detector())
                    && m.pages().stream().allMatch(p -> Files.isRegularFile(path.resolveSibling(p + ".ocr.json")));
            return complete ? Optional.of(m) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable marker: redo the document
        }
    }
}
