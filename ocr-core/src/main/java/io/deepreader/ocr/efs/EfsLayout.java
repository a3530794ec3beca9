package io.deepreader.ocr.efs;

import java.nio.file.Path;

/**
 * Where everything lives under the EFS root (a local folder in tests, {@code /mnt/efs} on Lambda):
 * <pre>
 *   models/{name}/{version}/...        model files + manifest.json, models/{name}/current selects one
 *   jobs/{batchId}/{docId}/            intermediate outputs of one document
 *        page-0001.png                 preprocessed page
 *        page-0001.detections.json     detector output
 *        page-0001.ocr.json            recognised hierarchy (PageResult)
 *        page-0001.txt                 plain text
 *        document.json                 written last: the completion marker downstream functions wait for
 *   jobs/.staging/{batchId}/           a document's output set while it is written, renamed into place whole;
 *                                      {docId}.{uuid}/ per attempt, with partial.json once a page is done, so
 *                                      an attempt killed mid-document leaves its finished pages for the next
 *   jobs/.partial/{batchId}/{docId}/   the finished pages of a document deferred between pages + partial.json;
 *                                      a retry of the same source and settings takes them and goes on
 *   jobs/.locks/{batchId}/{docId}.lock one writer per document across threads, invocations and hosts
 *   jobs/.summaries/{batchId}/{id}.json one invocation's per-document statuses (its response, kept)
 *   inbox/                             documents placed on EFS by clients (efsPath requests)
 * </pre>
 * Every id is validated; every resolved path is checked to stay under the root.
 */
public record EfsLayout(Path root) {

    public EfsLayout {
        root = root.toAbsolutePath().normalize();
    }

    public Path modelsDir() {
        return root.resolve("models");
    }

    public Path modelDir(String name) {
        return contained(modelsDir().resolve(Ids.require("model name", name)));
    }

    public Path jobsDir() {
        return root.resolve("jobs");
    }

    public Path batchDir(String batchId) {
        return contained(jobsDir().resolve(Ids.require("batch id", batchId)));
    }

    public Path documentDir(String batchId, String docId) {
        return contained(batchDir(batchId).resolve(Ids.require("document id", docId)));
    }

    /** A document's output files, named the same in its folder and in a staging folder. */
    public record DocumentFiles(Path dir) {
        public Path preprocessedPage(int page) {
            return dir.resolve(pageName(page) + ".png");
        }

        public Path detections(int page) {
            return dir.resolve(pageName(page) + ".detections.json");
        }

        public Path ocrJson(int page) {
            return dir.resolve(pageName(page) + ".ocr.json");
        }

        public Path pageText(int page) {
            return dir.resolve(pageName(page) + ".txt");
        }

        public Path manifest() {
            return dir.resolve("document.json");
        }
    }

    public DocumentFiles documentFiles(String batchId, String docId) {
        return new DocumentFiles(documentDir(batchId, docId));
    }

    /**
     * A fresh folder name for one attempt at a document, on the same file system as its folder so the whole
     * set can be renamed into place; outside the batch folder, so listings of a batch show documents only.
     */
    public Path stagingDir(String batchId, String docId) {
        return contained(stagingBatchDir(batchId).resolve(Ids.require("document id", docId) + "." + java.util.UUID.randomUUID()));
    }

    /** {@code jobs/.staging/}: one folder per batch holding its documents' attempts in progress (or left by a killed one). */
    public Path stagingRoot() {
        return root.resolve("jobs/.staging");
    }

    public Path stagingBatchDir(String batchId) {
        return contained(stagingRoot().resolve(Ids.require("batch id", batchId)));
    }

    /**
     * The document a folder in {@code jobs/.staging/{batchId}/} belongs to: {@code {docId}.{uuid}} as
     * {@link #stagingDir} names it, or {@code {docId}.{uuid}.replaced} (an earlier set moved aside while a new one is
     * renamed in); empty for any other name. The uuid is matched whole, so {@code a.b.{uuid}} is {@code a.b}'s.
     */
    public static java.util.Optional<String> stagedDocId(String folderName) {
        var m = STAGED.matcher(folderName);
        return m.matches() && Ids.isValid(m.group(1)) ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /** Whether a staging folder is an attempt's own set, not an earlier set moved aside during a publish. */
    public static boolean isAttemptFolder(String folderName) {
        return stagedDocId(folderName).isPresent() && !folderName.endsWith(".replaced");
    }

    private static final java.util.regex.Pattern STAGED = java.util.regex.Pattern.compile(
            "(.+)\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.replaced)?");

    /** The pages a deferred attempt finished, kept for the retry (one folder per document, renamed in and out whole). */
    public Path partialDir(String batchId, String docId) {
        return contained(partialRoot().resolve(Ids.require("batch id", batchId)).resolve(Ids.require("document id", docId)));
    }

    /** {@code jobs/.partial/}: {@code {batchId}/{docId}/} folders of deferred documents. */
    public Path partialRoot() {
        return root.resolve("jobs/.partial");
    }

    /** One invocation's answer for a batch, kept on EFS so no status depends on the response reaching the caller. */
    public Path batchSummary(String batchId, String invocationId) {
        return contained(root.resolve("jobs/.summaries").resolve(Ids.require("batch id", batchId))
                .resolve(Ids.require("invocation id", invocationId) + ".json"));
    }

    public Path lockFile(String batchId, String docId) {
        return contained(root.resolve("jobs/.locks").resolve(Ids.require("batch id", batchId))
                .resolve(Ids.require("document id", docId) + ".lock"));
    }

    public Path preprocessedPage(String batchId, String docId, int page) {
        return documentFiles(batchId, docId).preprocessedPage(page);
    }

    public Path detections(String batchId, String docId, int page) {
        return documentFiles(batchId, docId).detections(page);
    }

    public Path ocrJson(String batchId, String docId, int page) {
        return documentFiles(batchId, docId).ocrJson(page);
    }

    public Path pageText(String batchId, String docId, int page) {
        return documentFiles(batchId, docId).pageText(page);
    }

    public Path documentManifest(String batchId, String docId) {
        return documentFiles(batchId, docId).manifest();
    }

    /**
     * Resolves a client-supplied relative path (e.g. {@code inbox/batch1/a.pdf}) under the root,
     * refusing absolute paths, parent segments and anything that normalises outside the root.
     */
    public Path resolveRelative(String relative) {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
            throw new InvalidIdException("empty or invalid EFS path");
        }
        Path rel = Path.of(relative);
        if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new InvalidIdException("EFS path must be relative to the root: '" + relative + "'");
        }
        for (Path segment : rel) {
            if (segment.toString().equals("..")) {
                throw new InvalidIdException("EFS path may not contain '..': '" + relative + "'");
            }
        }
        return followedInside(contained(root.resolve(rel)));
    }

    /**
     * The text check above cannot see symlinks: a link inside the root may point anywhere. For a path that
     * exists, its real location (links followed) must also lie under the root's real location.
     */
    private Path followedInside(Path path) {
        if (!java.nio.file.Files.exists(path)) {
            return path;
        }
        try {
            if (!path.toRealPath().startsWith(root.toRealPath())) {
                throw new InvalidIdException("path leaves the EFS root through a link: " + root.relativize(path));
            }
            return path;
        } catch (java.io.IOException e) {
            throw new InvalidIdException("cannot resolve EFS path " + root.relativize(path) + ": " + e.getMessage());
        }
    }

    public static String pageName(int page) {
        if (page < 1) {
            throw new IllegalArgumentException("pages count from 1: " + page);
        }
        return String.format("page-%04d", page);
    }

    private Path contained(Path path) {
        Path normal = path.toAbsolutePath().normalize();
        if (!normal.startsWith(root)) {
            throw new InvalidIdException("path escapes the EFS root: " + path);
        }
        return normal;
    }
}
