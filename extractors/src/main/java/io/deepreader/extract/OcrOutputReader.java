package io.deepreader.extract;

import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a document's OCR output from EFS by listing {@code page-NNNN.ocr.json}, so it does not
 * depend on the completion marker's record (only on the page files the OCR function writes atomically).
 */
public final class OcrOutputReader {
    private static final Pattern PAGE_FILE = Pattern.compile("page-(\\d{4,})\\.ocr\\.json");

    private final EfsLayout layout;

    public OcrOutputReader(EfsLayout layout) {
        this.layout = layout;
    }

    public List<PageResult> read(String batchId, String docId) throws IOException, NoOcrOutputException {
        Path dir = layout.documentDir(batchId, docId);
        if (!Files.isDirectory(dir)) {
            throw new NoOcrOutputException("no output folder for document " + batchId + "/" + docId);
        }
        List<Integer> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = PAGE_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    pages.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        if (pages.isEmpty()) {
            throw new NoOcrOutputException("no page-NNNN.ocr.json for document " + batchId + "/" + docId);
        }
        pages.sort(Comparator.naturalOrder());
        List<PageResult> results = new ArrayList<>();
        for (int page : pages) {
            results.add(ResultJson.mapper().readValue(layout.ocrJson(batchId, docId, page).toFile(), PageResult.class));
        }
        return List.copyOf(results);
    }

    /** Whether the OCR function has written its completion marker for the document. */
    public boolean isComplete(String batchId, String docId) {
        return Files.isRegularFile(layout.documentManifest(batchId, docId));
    }
}
