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

    public Path preprocessedPage(String batchId, String docId, int page) {
        return documentDir(batchId, docId).resolve(pageName(page) + ".png");
    }

    public Path detections(String batchId, String docId, int page) {
        return documentDir(batchId, docId).resolve(pageName(page) + ".detections.json");
    }

    public Path ocrJson(String batchId, String docId, int page) {
        return documentDir(batchId, docId).resolve(pageName(page) + ".ocr.json");
    }

    public Path pageText(String batchId, String docId, int page) {
        return documentDir(batchId, docId).resolve(pageName(page) + ".txt");
    }

    public Path documentManifest(String batchId, String docId) {
        return documentDir(batchId, docId).resolve("document.json");
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
