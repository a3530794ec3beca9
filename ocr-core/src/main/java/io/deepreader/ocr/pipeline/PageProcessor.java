package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.preprocess.PageTransform;
import io.deepreader.ocr.preprocess.PreprocessedPage;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.RecognizedLine;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageDetections;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Preprocess, detect, recognise one decoded page; every output box mapped to the original page's pixels. */
public final class PageProcessor {
    private final Preprocessor preprocessor;
    private final TextLineDetector detector;
    private final TesseractPool tesseract;

    public PageProcessor(Preprocessor preprocessor, TextLineDetector detector, TesseractPool tesseract) {
        this.preprocessor = preprocessor;
        this.detector = detector;
        this.tesseract = tesseract;
    }

    public TextLineDetector detector() {
        return detector;
    }

    /** The page's results plus the preprocessed image and raw detections, for the intermediate outputs. */
    public record Processed(PageResult result, PageDetections detections, GrayImage preprocessed) {
    }

    public Processed process(String batchId, String docId, int pageNumber, GrayImage original) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        PreprocessedPage page = preprocessor.apply(original);
        long t1 = System.nanoTime();
        List<DetectedLine> detected = detector.detect(page.image());
        long t2 = System.nanoTime();
        List<Box> boxes = detected.stream().map(DetectedLine::box).toList();
        List<RecognizedLine> recognized = tesseract.withEngine(engine -> engine.recognizeLines(page.image(), boxes));
        long t3 = System.nanoTime();
        timings.put("preprocessMs", millis(t1 - t0));
        timings.put("detectMs", millis(t2 - t1));
        timings.put("recognizeMs", millis(t3 - t2));

        PageTransform transform = page.transform();
        List<Line> lines = new ArrayList<>();
        List<DetectedLine> detectedOriginal = new ArrayList<>();
        for (int i = 0; i < detected.size(); i++) {
            DetectedLine d = detected.get(i);
            Box lineBox = transform.toOriginal(d.box());
            detectedOriginal.add(new DetectedLine(lineBox, d.score()));
            RecognizedLine r = recognized.get(i);
            if (r.text().isBlank()) {
                continue; // a detection Tesseract reads as nothing is not a line of text
            }
            List<Word> words = r.words().stream()
                    .map(w -> new Word(w.text(), transform.toOriginal(w.box()), w.confidence()))
                    .toList();
            lines.add(new Line(r.text(), lineBox, r.confidence(), d.score(), words));
        }
        PageResult result = new PageResult(PageResult.SCHEMA_VERSION, batchId, docId, pageNumber,
                original.width(), original.height(), transform.skewDegrees(), detector.name(),
                BlockAssembler.group(lines), timings);
        PageDetections detections = new PageDetections(PageResult.SCHEMA_VERSION, docId, pageNumber,
                original.width(), original.height(), detector.name(), detectedOriginal);
        return new Processed(result, detections, page.image());
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
