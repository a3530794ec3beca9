package io.deepreader.extract.eval;

import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.document.DocumentLimits;
import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pipeline.BatchProcessor;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentTask;
import io.deepreader.ocr.pipeline.OcrPipeline;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the real OCR pipeline (OpenCV preprocessing and line detector, Tesseract) over SROIE receipts
 * into an EFS root, as the OCR function would, so that the field evaluation reads real OCR output.
 * Documents already complete with the same bytes are skipped by the pipeline itself.
 */
final class SroieOcrRun {
    private SroieOcrRun() {
    }

    static List<DocumentOutcome> run(Path data, int from, int to, Path efsRoot, String batchId, String docFormat, int workers) {
        List<DocumentTask> tasks = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            Path image = data.resolve("img").resolve(String.format(Locale.ROOT, "%03d.jpg", i));
            if (Files.exists(image)) {
                tasks.add(new DocumentTask(String.format(Locale.ROOT, docFormat, i), () -> {
                    try {
                        return Files.readAllBytes(image);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
        }
        try (TesseractPool pool = new TesseractPool(TesseractConfig.english(System.getenv("TESSDATA_PREFIX")), workers);
             BatchProcessor batch = new BatchProcessor(new OcrPipeline(new DocumentDecoder(DocumentLimits.DEFAULT),
                     new PageProcessor(new Preprocessor(), new MorphologyLineDetector(), pool), new EfsLayout(efsRoot)), workers)) {
            return batch.run(batchId, tasks, () -> Long.MAX_VALUE, 0, outcome -> { });
        }
    }
}
