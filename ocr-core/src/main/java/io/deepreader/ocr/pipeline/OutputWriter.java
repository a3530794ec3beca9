package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.efs.FileTrees;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a document's outputs. A successful attempt writes its whole set (pages, then the manifest) into a
 * staging folder of its own and renames that folder into place, so a document folder only ever holds one
 * attempt's files; the caller holds the document's lock around it. A failure manifest never replaces a
 * completed one. An attempt keeps its finished pages: after each page its staging folder's {@code partial.json} lists
 * them; stopped between pages, the folder is renamed to the document's partial folder; killed, it stays where it is.
 * The next attempt at the same source and settings renames either into its own staging folder and goes on from there.
 */
final class OutputWriter {
    private static final Logger LOG = LoggerFactory.getLogger(OutputWriter.class);
    private final EfsLayout layout;

    OutputWriter(EfsLayout layout) {
        this.layout = layout;
    }

    /** One attempt's output set, written away from the document folder until {@link #publish()}. */
    final class Staged implements AutoCloseable {
        private final String batchId;
        private final String docId;
        private final EfsLayout.DocumentFiles files;
        private PartialDocument resumed;
        private boolean published;
        private boolean kept;

        private Staged(String batchId, String docId) {
            this.batchId = batchId;
            this.docId = docId;
            this.files = new EfsLayout.DocumentFiles(layout.stagingDir(batchId, docId));
        }

        /** The pages an earlier, deferred attempt finished, already in this set; empty when starting afresh. */
        Optional<PartialDocument> resumed() {
            return Optional.ofNullable(resumed);
        }

        /**
         * Records the pages finished so far in the set's {@code partial.json} (atomically), so an attempt killed before
         * its next page (function timeout, out of memory, a crash) leaves them for the next attempt to take over: only
         * the pages listed count, whatever else the killed attempt had begun writing.
         */
        void recordProgress(PartialDocument progress) {
            try {
                AtomicFiles.write(partialManifest(files.dir()), out -> ResultJson.mapper().writeValue(out, progress));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Keeps the pages finished so far for a retry: {@code partial.json} into the set, then the set renamed whole to
         * the document's partial folder, so a retry sees all the pages it lists or none.
         */
        void keepForRetry(PartialDocument progress) {
            try {
                recordProgress(progress);
                Path target = layout.partialDir(batchId, docId);
                FileTrees.delete(target); // none expected: the attempt took it over when it started
                Files.createDirectories(target.getParent());
                move(files.dir(), target);
                kept = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Where this attempt's files go until it is published. */
        EfsLayout.DocumentFiles files() {
            return files;
        }

        void writePage(PageProcessor.Processed page) {
            int n = page.result().page();
            var mapper = ResultJson.mapper();
            try {
                if (page.preprocessed() != null) { // null: read from the PDF's text layer, never rendered
                    AtomicFiles.write(files.preprocessedPage(n),
                            out -> ImageIO.write(page.preprocessed().toBufferedImage(), "png", out));
                }
                AtomicFiles.write(files.detections(n), out -> mapper.writeValue(out, page.detections()));
                AtomicFiles.write(files.ocrJson(n), out -> mapper.writeValue(out, page.result()));
                AtomicFiles.writeString(files.pageText(n), page.result().text() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The manifest goes last into the staged set; then the set replaces the document folder whole. */
        void publish(DocumentManifest manifest) {
            try {
                // A resumed set is then file for file what an uninterrupted attempt writes.
                Files.deleteIfExists(partialManifest(files.dir()));
                AtomicFiles.write(files.manifest(), out -> ResultJson.mapper().writeValue(out, manifest));
                Path target = layout.documentDir(batchId, docId);
                Files.createDirectories(target.getParent());
                Path old = null;
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException("not a directory where the document's outputs belong: " + target);
                    }
                    // A directory cannot be renamed over a non-empty one: move the earlier set aside first.
                    // Between the two renames the document reads as not done, never as two attempts mixed.
                    old = Path.of(files.dir() + ".replaced");
                    move(target, old);
                }
                move(files.dir(), target);
                published = true;
                if (old != null) {
                    FileTrees.delete(old);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** An unpublished attempt leaves nothing behind. */
        @Override
        public void close() {
            if (!published && !kept) {
                try {
                    FileTrees.delete(files.dir());
                } catch (IOException e) {
                    LOG.atWarn().addKeyValue("cause", e.toString()).log("could not remove a staging folder");
                }
            }
        }
    }

    Staged stage(String batchId, String docId) {
        return new Staged(batchId, docId);
    }

    /**
     * A staged set for this attempt, holding the pages an earlier attempt finished when they were made from these bytes
     * ({@code sha256}) under these settings: a deferred attempt's partial folder, or the staging folder an attempt
     * killed mid-document left. The caller holds the document's lock, so every other staging folder of the document
     * is such a leftover. The one with the most pages is taken over whole; the rest are discarded, so two attempts'
     * pages are never mixed.
     */
    Staged stageResuming(String batchId, String docId, String sha256, String detector, String pdfText) {
        try {
            return resuming(batchId, docId, sha256, detector, pdfText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Staged resuming(String batchId, String docId, String sha256, String detector, String pdfText)
            throws IOException {
        Staged staged = new Staged(batchId, docId);
        List<Path> leftovers = leftovers(batchId, docId);
        Path taken = null;
        PartialDocument progress = null;
        for (Path dir : leftovers) {
            Optional<PartialDocument> kept = readPartial(dir)
                    .filter(p -> p.continues(sha256, detector, pdfText))
                    .filter(p -> p.pages().stream().allMatch(page -> Files.isRegularFile(dir.resolve(page + ".ocr.json"))));
            if (kept.isPresent() && (progress == null || kept.get().pages().size() > progress.pages().size())) {
                taken = dir;
                progress = kept.get();
            }
        }
        for (Path dir : leftovers) {
            if (!dir.equals(taken)) {
                LOG.atInfo().addKeyValue("folder", layout.root().relativize(dir).toString())
                        .log("pages of an earlier attempt discarded: another source or settings, or none finished");
                FileTrees.delete(dir);
            }
        }
        if (taken == null) {
            return staged;
        }
        Files.createDirectories(staged.files.dir().getParent());
        move(taken, staged.files.dir());
        dropUnlisted(staged.files.dir(), progress.pages());
        staged.resumed = progress;
        LOG.atInfo().addKeyValue("pagesResumed", progress.pages().size())
                .addKeyValue("from", taken.startsWith(layout.partialRoot()) ? "deferred" : "killed")
                .log("document resumed");
        return staged;
    }

    /** The document's partial folder and its attempts' staging folders, where they exist. */
    private List<Path> leftovers(String batchId, String docId) throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        Path partial = layout.partialDir(batchId, docId);
        if (Files.isDirectory(partial, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            found.add(partial);
        }
        Path staging = layout.stagingBatchDir(batchId);
        if (Files.isDirectory(staging, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> dirs = Files.list(staging)) {
                // A ".replaced" set is a published result moved aside: never taken, left to the sweep.
                dirs.filter(d -> EfsLayout.isAttemptFolder(d.getFileName().toString())
                                && EfsLayout.stagedDocId(d.getFileName().toString()).orElseThrow().equals(docId)
                                && Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                        .sorted()
                        .forEach(found::add);
            }
        }
        return found;
    }

    /**
     * A killed attempt may have begun the page after the last one listed (some of its files, temp files): only the
     * listed pages' files stay, so the set ends up file for file what an uninterrupted attempt writes.
     */
    private static void dropUnlisted(Path dir, List<String> pages) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.equals("partial.json") && pages.stream().noneMatch(page -> name.startsWith(page + "."))) {
                    FileTrees.delete(file);
                }
            }
        }
    }

    private static Path partialManifest(Path dir) {
        return dir.resolve("partial.json");
    }

    private static Optional<PartialDocument> readPartial(Path dir) {
        Path path = partialManifest(dir);
        if (!Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResultJson.mapper().readValue(path.toFile(), PartialDocument.class));
        } catch (IOException e) {
            return Optional.empty(); // unreadable: start the document again
        }
    }

    /**
     * Records the failure for downstream readers, unless the document already has a completed result: a later
     * failed attempt (source deleted, S3 throttling, a corrupt replacement) must not destroy it. Returns whether
     * an earlier completed result was kept.
     */
    boolean writeFailureQuietly(String batchId, String docId, String errorType, String message) {
        try {
            if (currentManifest(batchId, docId).filter(m -> m.status() == DocumentStatus.OK).isPresent()) {
                LOG.atWarn().addKeyValue("errorType", errorType).log("failed attempt; the completed result is kept");
                return true;
            }
            AtomicFiles.write(layout.documentManifest(batchId, docId), out -> ResultJson.mapper().writeValue(out,
                    new DocumentManifest(DocumentManifest.SCHEMA_VERSION, batchId, docId, DocumentStatus.FAILED,
                            errorType, message, null, 0, null, null, List.of(), 0)));
        } catch (IOException | RuntimeException e) {
            LOG.atWarn().addKeyValue("errorType", errorType).addKeyValue("cause", e.toString())
                    .log("could not record the failure manifest");
        }
        return false;
    }

    /**
     * A finished manifest for exactly these bytes and this detector, whose page files are all still there; for a PDF
     * also read under this PDF_TEXT setting ({@code pdfText}; a PDF manifest that does not record one is redone).
     */
    Optional<DocumentManifest> completedManifest(String batchId, String docId, String sha256, String detector,
                                                 String pdfText) {
        Path path = layout.documentManifest(batchId, docId);
        return currentManifest(batchId, docId).filter(m -> m.status() == DocumentStatus.OK
                && sha256.equals(m.sourceSha256()) && detector.equals(m.detector())
                && (!"PDF".equals(m.format()) || pdfText.equals(m.pdfText()))
                && m.pages().stream().allMatch(p -> Files.isRegularFile(path.resolveSibling(p + ".ocr.json"))));
    }

    private Optional<DocumentManifest> currentManifest(String batchId, String docId) {
        Path path = layout.documentManifest(batchId, docId);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResultJson.mapper().readValue(path.toFile(), DocumentManifest.class));
        } catch (IOException e) {
            return Optional.empty(); // unreadable marker: redo the document
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("file system cannot rename atomically: " + from, e);
        }
    }
}
