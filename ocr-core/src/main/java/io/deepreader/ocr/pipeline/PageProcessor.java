package io.deepreader.ocr.pipeline;

import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.GrayRange;
import io.deepreader.ocr.orientation.OrientationDetector;
import io.deepreader.ocr.orientation.PageOrientation;
import io.deepreader.ocr.preprocess.PageTransform;
import io.deepreader.ocr.preprocess.PreprocessedPage;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.preprocess.RulingEraser;
import io.deepreader.ocr.recognition.RecognizedLine;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.Block;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageDetections;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Orientation, preprocess, detect, recognise one decoded page; every output box mapped to the original page's
 * pixels.
 */
public final class PageProcessor {
    private final OrientationDetector orientation;
    private final Preprocessor preprocessor;
    private final TextLineDetector detector;
    private final TesseractPool tesseract;
    private final RulingEraser rulings = new RulingEraser();
    private final LineEvidence evidence;

    /** Without orientation detection: pages are taken as upright. */
    public PageProcessor(Preprocessor preprocessor, TextLineDetector detector, TesseractPool tesseract) {
        this(OrientationDetector.disabled(), preprocessor, detector, tesseract);
    }

    public PageProcessor(OrientationDetector orientation, Preprocessor preprocessor, TextLineDetector detector,
                         TesseractPool tesseract) {
        this(orientation, preprocessor, detector, tesseract, LineEvidence.defaults());
    }

    private PageProcessor(OrientationDetector orientation, Preprocessor preprocessor, TextLineDetector detector,
                          TesseractPool tesseract, LineEvidence evidence) {
        this.orientation = orientation;
        this.preprocessor = preprocessor;
        this.detector = detector;
        this.tesseract = tesseract;
        this.evidence = evidence;
    }

    /** The same processor keeping the reads {@code evidence} takes for text. */
    public PageProcessor withEvidence(LineEvidence evidence) {
        return new PageProcessor(orientation, preprocessor, detector, tesseract, evidence);
    }

    public TextLineDetector detector() {
        return detector;
    }

    /** The page's results plus the preprocessed image and raw detections, for the intermediate outputs. */
    public record Processed(PageResult result, PageDetections detections, GrayImage preprocessed) {
    }

    public Processed process(String batchId, String docId, int pageNumber, GrayImage original) {
        return process(batchId, docId, pageNumber, original, 0);
    }

    /**
     * @param storedDegrees how far clockwise the file's own metadata (EXIF Orientation) says the content is
     *                      rotated; when not 0 the page is turned by it and orientation detection is not asked
     *                      (the camera's sensor knew), and {@code orientationDegrees} in the result says so
     */
    public Processed process(String batchId, String docId, int pageNumber, GrayImage original, int storedDegrees) {
        return process(batchId, docId, pageNumber, original, storedDegrees, false);
    }

    /**
     * @param storedMirror the file's metadata says the stored content is also mirrored (EXIF Orientation 2, 4, 5, 7):
     *                     the page is flipped left to right before the turn by {@code storedDegrees}, orientation
     *                     detection is not asked, and {@code mirrored} in the result says so
     */
    public Processed process(String batchId, String docId, int pageNumber, GrayImage original, int storedDegrees,
                             boolean storedMirror) {
        Map<String, Long> timings = new LinkedHashMap<>();
        long tStart = System.nanoTime();
        boolean stored = storedDegrees != 0 || storedMirror;
        boolean detect = !stored && orientation.enabled();
        PageOrientation turn = stored ? new PageOrientation(storedDegrees, 0, 0) : orientation.detect(original);
        long t0 = System.nanoTime();
        PreprocessedPage page = preprocessor.apply(original, turn.degrees(), storedMirror);
        long t1 = System.nanoTime();
        // Detection and recognition read the page without its table rulings; the stored page image keeps them.
        GrayImage text = rulings.erase(page.image());
        List<DetectedLine> detected = detector.detect(text);
        long t2 = System.nanoTime();
        List<Box> boxes = detected.stream().map(DetectedLine::box).toList();
        List<RecognizedLine> recognized = tesseract.withEngine(engine -> engine.recognizeLines(text, boxes,
                detector.readMargin()));
        long t3 = System.nanoTime();
        if (detect) {
            timings.put("orientationMs", millis(t0 - tStart));
        }
        timings.put("preprocessMs", millis(t1 - t0));
        timings.put("detectMs", millis(t2 - t1));
        timings.put("recognizeMs", millis(t3 - t2));

        PageTransform transform = page.transform();
        List<Line> uprightLines = new ArrayList<>();
        List<DetectedLine> detectedOriginal = new ArrayList<>();
        for (int i = 0; i < detected.size(); i++) {
            DetectedLine d = detected.get(i);
            detectedOriginal.add(new DetectedLine(transform.toOriginal(d.box()), d.score()));
            RecognizedLine r = recognized.get(i);
            if (!evidence.isText(r.text(), r.confidence())) {
                continue; // read as nothing, or as a few symbols Tesseract doubts: not a line of text
            }
            uprightLines.add(new Line(r.text(), d.box(), r.confidence(), d.score(), r.words()));
        }
        // Blocks are found on the upright page (a turned page's lines sit side by side, not above each other),
        // then every box goes back to the original's pixels.
        List<Block> blocks = BlockAssembler.group(uprightLines).stream().map(b -> toOriginal(b, transform)).toList();
        // A page that gives no text says why, instead of passing as an ok page with nothing on it.
        List<String> warnings = !blocks.isEmpty() ? List.of()
                : List.of(GrayRange.of(original).blank() ? PageResult.BLANK_PAGE : PageResult.NO_TEXT_FOUND);
        PageResult result = new PageResult(PageResult.SCHEMA_VERSION, batchId, docId, pageNumber,
                original.width(), original.height(), transform.skewDegrees(), transform.orientationDegrees(), detector.name(),
                blocks, timings, warnings, transform.mirrored());
        PageDetections detections = new PageDetections(PageResult.SCHEMA_VERSION, docId, pageNumber,
                original.width(), original.height(), detector.name(), detectedOriginal);
        return new Processed(result, detections, page.image());
    }

    private static Block toOriginal(Block block, PageTransform transform) {
        List<Line> lines = block.lines().stream().map(line -> new Line(line.text(), transform.toOriginal(line.box()),
                line.confidence(), line.detectionScore(),
                line.words().stream().map(w -> new Word(w.text(), transform.toOriginal(w.box()), w.confidence())).toList()))
                .toList();
        Box box = lines.get(0).box();
        for (Line line : lines) {
            box = box.union(line.box());
        }
        return new Block(box, block.confidence(), lines);
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
