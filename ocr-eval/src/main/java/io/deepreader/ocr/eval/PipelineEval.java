package io.deepreader.ocr.eval;

import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.geometry.ReadingOrder;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.pipeline.LineEvidence;
import io.deepreader.ocr.pipeline.PageProcessor;
import io.deepreader.ocr.preprocess.Preprocessor;
import io.deepreader.ocr.recognition.RecognizedLine;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Evaluates the page pipeline on SROIE receipts with a given detector, and Tesseract's own layout
 * analysis (PSM 3) on the same pages: line detection P/R/F1 (IoU >= 0.5, one-to-one), mean page CER,
 * pages/s and recognition ms per line. Usage: {@code PipelineEval SROIE_DIR FROM TO [WORKERS]}.
 */
public final class PipelineEval {

    /**
     * @param largePages pages over {@link #LARGE_PAGE_PIXELS} (SROIE's 600-dpi scans, 4961x7016)
     * @param largeMs    the worker time those pages took, decode to text ({@code smallMs}: the others)
     * @param lines     the detections against the truth (the detector's part)
     * @param delivered the page result's lines against the truth: what a caller gets, after reads that are not
     *                  text were dropped ({@link LineEvidence}); Tesseract's own layout has no difference
     */
    public record Score(String name, LineMatch lines, LineMatch delivered, double meanCer, int pages, double seconds,
                        long recognizeMs, int recognizedLines, int largePages, long largeMs, long smallMs) {
        public double pagesPerSecond() {
            return pages / seconds;
        }

        public double smallMsPerPage() {
            return pages == largePages ? 0 : (double) smallMs / (pages - largePages);
        }

        public double largeMsPerPage() {
            return largePages == 0 ? 0 : (double) largeMs / largePages;
        }

        public String row() {
            return String.format("%-22s pages=%d P=%.3f R=%.3f F1=%.3f delivered P=%.3f R=%.3f F1=%.3f CER=%.3f"
                            + " pages/s=%.3f ms/line=%.1f ms/page: %d pages <= 5 Mpx %.0f, %d larger %.0f",
                    name, pages, lines.precision(), lines.recall(), lines.f1(), delivered.precision(), delivered.recall(),
                    delivered.f1(), meanCer, pagesPerSecond(),
                    recognizedLines == 0 ? 0 : (double) recognizeMs / recognizedLines,
                    pages - largePages, smallMsPerPage(), largePages, largeMsPerPage());
        }
    }

    /** Pages above this many pixels are counted apart: they cost every stage several times a receipt's time. */
    public static final long LARGE_PAGE_PIXELS = 5_000_000L;

    private PipelineEval() {
    }

    public static Score evaluate(TextLineDetector detector, TesseractPool pool, List<SroieReceipt> receipts, int workers)
            throws Exception {
        return evaluate(detector, pool, receipts, workers, LineEvidence.defaults());
    }

    /** With the page's lines kept by {@code evidence} instead of the pipeline's default. */
    public static Score evaluate(TextLineDetector detector, TesseractPool pool, List<SroieReceipt> receipts, int workers,
                                 LineEvidence evidence) throws Exception {
        PageProcessor processor = new PageProcessor(new Preprocessor(), detector, pool).withEvidence(evidence);
        return run(detector.name(), receipts, workers, r -> {
            PageProcessor.Processed processed = processor.process("eval", "r" + r.id(), 1,
                    GrayImage.from(ImageIO.read(r.image().toFile())));
            PageResult page = processed.result();
            List<Box> boxes = processed.detections().lines().stream().map(DetectedLine::box).toList();
            List<Box> delivered = page.lines().stream().map(Line::box).toList();
            return new PageScore(LineMatch.of(r.boxes(), boxes, 0.5), LineMatch.of(r.boxes(), delivered, 0.5),
                    TextMetrics.cer(r.text(), page.readingOrderText()), page.timingsMs().get("recognizeMs"),
                    page.lines().size(), (long) page.width() * page.height());
        });
    }

    /** Tesseract PSM 3 on the preprocessed page; its boxes are mapped back like the pipeline's. */
    public static Score evaluateTesseractLayout(TesseractPool pool, List<SroieReceipt> receipts, int workers) throws Exception {
        Preprocessor preprocessor = new Preprocessor();
        return run("tesseract-psm3", receipts, workers, r -> {
            var pre = preprocessor.apply(GrayImage.from(ImageIO.read(r.image().toFile())));
            long t0 = System.nanoTime();
            List<RecognizedLine> lines = pool.withEngine(e -> e.recognizePageLayout(pre.image()));
            long ms = Math.round((System.nanoTime() - t0) / 1e6);
            List<RecognizedLine> ordered = ReadingOrder.sort(lines, RecognizedLine::box);
            List<Box> boxes = ordered.stream().map(l -> pre.transform().toOriginal(l.box())).toList();
            String text = String.join("\n", ordered.stream().map(RecognizedLine::text).toList());
            LineMatch match = LineMatch.of(r.boxes(), boxes, 0.5);
            return new PageScore(match, match, TextMetrics.cer(r.text(), text), ms, lines.size(),
                    (long) pre.transform().originalWidth() * pre.transform().originalHeight());
        });
    }

    private record PageScore(LineMatch match, LineMatch delivered, double cer, long recognizeMs, int lines, long pixels) {
    }

    /** A page's score and the worker time it took, decode to text. */
    private record Timed(PageScore score, long millis) {
    }

    @FunctionalInterface
    private interface PageEval {
        PageScore apply(SroieReceipt r) throws Exception;
    }

    private static Score run(String name, List<SroieReceipt> receipts, int workers, PageEval eval) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long start = System.nanoTime();
            List<Future<Timed>> futures = new ArrayList<>();
            for (SroieReceipt r : receipts) {
                futures.add(pool.submit(() -> {
                    long t = System.nanoTime();
                    PageScore s = eval.apply(r);
                    return new Timed(s, (System.nanoTime() - t) / 1_000_000);
                }));
            }
            LineMatch total = new LineMatch(0, 0, 0);
            LineMatch delivered = new LineMatch(0, 0, 0);
            double cer = 0;
            long ms = 0;
            int lines = 0;
            int large = 0;
            long largeMs = 0;
            long smallMs = 0;
            for (Future<Timed> f : futures) {
                Timed page = f.get();
                PageScore s = page.score();
                long took = page.millis();
                if (s.pixels() > LARGE_PAGE_PIXELS) {
                    large++;
                    largeMs += took;
                } else {
                    smallMs += took;
                }
                total = total.plus(s.match());
                delivered = delivered.plus(s.delivered());
                cer += s.cer();
                ms += s.recognizeMs();
                lines += s.lines();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Score(name, total, delivered, cer / receipts.size(), receipts.size(), seconds, ms, lines, large, largeMs, smallMs);
        } finally {
            pool.shutdownNow();
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path sroie = Path.of(args[0]);
        List<SroieReceipt> receipts = SroieReceipt.loadRange(sroie, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        try (TesseractPool pool = new TesseractPool(TesseractConfig.english(System.getenv("TESSDATA_PREFIX")), workers)) {
            out.println(evaluate(new MorphologyLineDetector(), pool, receipts, workers).row());
            out.println(evaluateTesseractLayout(pool, receipts, workers).row());
        }
    }
}
