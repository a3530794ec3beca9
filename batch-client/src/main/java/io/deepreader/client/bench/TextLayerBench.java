package io.deepreader.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.client.Json;
import io.deepreader.client.run.DocumentResult;
import io.deepreader.client.run.InputDocument;
import io.deepreader.client.run.LocalTarget;
import io.deepreader.client.Progress;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pdftext.PdfTextLayer;
import io.deepreader.ocr.pdftext.PdfTextMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Text layer against OCR on the same PDFs (issue 18): the bench's PDF inputs run once with PDF_TEXT=auto and once with
 * PDF_TEXT=never, each in its own warm in-process environment (one warm-up document first), and the per-page time
 * (the sum of the stages a page's ocr.json records) of the pages read from their text layer is set against that of the
 * same documents' OCRed pages. A ratio, measured side by side in one run: absolute times on shared cores are noise.
 */
final class TextLayerBench {
    /** Per-page milliseconds both ways and their ratio (text layer / OCR). */
    record Result(int textLayerPages, double textLayerMsPerPage, int ocrPages, double ocrMsPerPage, double ratio) {
        String line() {
            return String.format(Locale.ROOT, "text layer vs OCR (PDF_TEXT=auto vs never, same %d PDF pages): "
                            + "%.1f vs %.1f ms/page, ratio %.4f (1/%.0f)", ocrPages, textLayerMsPerPage, ocrMsPerPage,
                    ratio, ratio > 0 ? 1 / ratio : 0);
        }
    }

    private TextLayerBench() {
    }

    static boolean isPdf(InputDocument doc) {
        return doc.path().getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
    }

    /** @return null when no page was read from a text layer (scanned PDFs only): there is no ratio to give */
    static Result measure(Path efs, String batchPrefix, List<InputDocument> pdfs, String tessdata, String detector,
                          FunctionConfig.Ctpn ctpn, Progress progress) throws IOException {
        java.util.Map<String, Double> text = run(efs, batchPrefix + "auto", pdfs, tessdata, detector, ctpn, PdfTextMode.AUTO,
                true, progress);
        java.util.Map<String, Double> ocr = run(efs, batchPrefix + "never", pdfs, tessdata, detector, ctpn,
                PdfTextMode.NEVER, false, progress);
        ocr.keySet().retainAll(text.keySet()); // the same pages both ways
        if (text.isEmpty() || ocr.isEmpty()) {
            return null;
        }
        double textPerPage = text.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double ocrPerPage = ocr.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Result(text.size(), round(textPerPage), ocr.size(), round(ocrPerPage),
                Math.round(textPerPage / ocrPerPage * 10000) / 10000.0);
    }

    /** @return milliseconds by "docId/page", of the pages read from their text layer (or, for OCR, all) */
    private static java.util.Map<String, Double> run(Path efs, String batch, List<InputDocument> pdfs, String tessdata, String detector,
                                FunctionConfig.Ctpn ctpn, PdfTextMode mode, boolean textLayerPagesOnly,
                                Progress progress) throws IOException {
        FunctionConfig config = LocalTarget.config(efs, tessdata, 1, detector, false, ctpn, mode);
        java.util.Map<String, Double> pages = new java.util.HashMap<>();
        try (LocalTarget local = new LocalTarget(new FunctionEnvironment(config))) {
            local.run(batch + "-warmup", pdfs.subList(0, 1), progress);
            List<DocumentResult> results = local.run(batch, pdfs, progress);
            EfsLayout layout = new EfsLayout(efs);
            for (DocumentResult r : results) {
                for (int page = 1; r.ok() && page <= r.pages(); page++) {
                    Path ocrJson = layout.ocrJson(batch, r.docId(), page);
                    if (!Files.exists(ocrJson)) {
                        continue;
                    }
                    JsonNode json = Json.mapper().readTree(ocrJson.toFile());
                    if (textLayerPagesOnly && !PdfTextLayer.DETECTOR.equals(json.path("detector").asText())) {
                        continue;
                    }
                    double ms = 0;
                    for (JsonNode t : json.path("timingsMs")) {
                        ms += t.asDouble();
                    }
                    pages.put(r.docId() + "/" + page, ms);
                }
            }
        }
        return pages;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
