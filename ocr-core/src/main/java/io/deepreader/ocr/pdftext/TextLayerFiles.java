package io.deepreader.ocr.pdftext;

import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The text-layer outputs beside a PDF page's {@code ocr.json}: {@code page-NNNN.textlayer.json} (how the page was
 * read and the measurements behind the decision, for every PDF page) and, for a page read from its text layer,
 * {@code page-NNNN.pdf}: the original page alone, which the searchable PDF keeps instead of an image of it.
 */
public final class TextLayerFiles {
    private TextLayerFiles() {
    }

    public static Path verdict(EfsLayout layout, String batchId, String docId, int page) {
        return verdict(layout.documentFiles(batchId, docId), page);
    }

    public static Path originalPage(EfsLayout layout, String batchId, String docId, int page) {
        return originalPage(layout.documentFiles(batchId, docId), page);
    }

    static Path verdict(EfsLayout.DocumentFiles files, int page) {
        return files.dir().resolve(EfsLayout.pageName(page) + ".textlayer.json");
    }

    static Path originalPage(EfsLayout.DocumentFiles files, int page) {
        return files.dir().resolve(EfsLayout.pageName(page) + ".pdf");
    }

    /**
     * Both files, atomically, into {@code files} (an attempt's staged output set, published whole with its pages);
     * the original page only when the page was read from its text layer.
     */
    public static void write(EfsLayout.DocumentFiles files, int page, PdfTextLayer layer, TextLayerVerdict verdict)
            throws IOException {
        AtomicFiles.write(verdict(files, page), out -> ResultJson.mapper().writeValue(out, verdict));
        if (verdict.readFromTextLayer()) {
            AtomicFiles.writeBytes(originalPage(files, page), layer.pageAsPdf(page - 1));
        }
    }
}
