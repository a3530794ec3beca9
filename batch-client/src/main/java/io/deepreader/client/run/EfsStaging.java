package io.deepreader.client.run;

import io.deepreader.ocr.efs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the function finds each input on EFS: staged by the client into {@code EFS_ROOT/inbox/BATCH/}
 * (the function's EFS mounted here), or already there under a relative folder.
 */
public final class EfsStaging {
    private EfsStaging() {
    }

    /** Copies each readable input to {@code efsRoot/inbox/batch/docId}; unreadable ones fail in the function. */
    public static Map<String, String> stage(Path efsRoot, String batch, List<InputDocument> docs) throws IOException {
        Map<String, String> efsPaths = new LinkedHashMap<>();
        for (InputDocument doc : docs) {
            String relative = "inbox/" + batch + "/" + doc.docId();
            Path staged = efsRoot.resolve(relative);
            Files.createDirectories(staged.getParent());
            if (Files.isReadable(doc.path())) {
                AtomicFiles.writeBytes(staged, Files.readAllBytes(doc.path()));
            }
            efsPaths.put(doc.docId(), relative);
        }
        return efsPaths;
    }

    public static Map<String, String> existing(String efsPrefix, List<InputDocument> docs) {
        Map<String, String> efsPaths = new LinkedHashMap<>();
        for (InputDocument doc : docs) {
            efsPaths.put(doc.docId(), efsPrefix.replaceAll("/+$", "") + "/" + doc.path().getFileName());
        }
        return efsPaths;
    }

    public static LambdaTarget.DocumentLocator locator(Map<String, String> efsPaths) {
        return id -> {
            var ref = io.deepreader.client.Json.mapper().createObjectNode();
            ref.put("docId", id);
            ref.put("efsPath", efsPaths.get(id));
            return ref;
        };
    }
}
