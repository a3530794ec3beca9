package io.deepreader.ctpn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.ReadingOrder;
import io.deepreader.ctpn.train.SyntheticPages;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.postprocess.TextConnector;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.eval.LongReceipt;
import io.deepreader.ocr.eval.SroieRange;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.recognition.LineScaling;
import io.deepreader.ocr.recognition.RecognizedLine;
import io.deepreader.ocr.recognition.StrokeSmoothing;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Line-detection F1 (IoU >= 0.5, one-to-one) and end-to-end page CER (Tesseract PSM 7 on each detected line,
 * page read top to bottom) on SROIE receipts, for CTPN, the OpenCV detector and Tesseract's own layout
 * analysis (PSM 3) on the same pages.
 */
@Command(name = "eval", description = "Detection F1 and page CER on sroie-dev (report split 300-399 by default).")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--sroie", required = true) Path sroie;
    @Option(names = "--range", defaultValue = "300-399") String range;
    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N receipts (0 = all).") int limit;
    @Option(names = "--model", description = "CTPN model version directory.") Path model;
    @Option(names = "--detectors", defaultValue = "ctpn,opencv,tesseract", split = ",",
            description = "ctpn, opencv, tesseract (PSM 3) and truth (the receipt's own boxes: the recognition ceiling).")
    List<String> detectors;
    @Option(names = "--no-ocr", description = "Detection metrics only.") boolean noOcr;
    @Option(names = "--tessdata", defaultValue = "/usr/share/tesseract-ocr/5/tessdata") String tessdata;
    @Option(names = "--language", defaultValue = "eng",
            description = "Tesseract language: reads {tessdata}/{language}.traineddata (compare recognition models).")
    String language;
    @Option(names = "--gap-factor", description = "Override the connector's horizontal gap factor.") Double gapFactor;
    @Option(names = "--min-score", description = "Override the proposal score threshold.") Double minScore;
    @Option(names = "--min-proposals", description = "Override the connector's minimum proposals per line.") Integer minProposals;
    @Option(names = "--min-single-score", description = "Override the score a one-proposal line needs.") Double minSingleScore;
    @Option(names = "--ink-pad", description = "Override the padding around snapped ink (fraction of height).") Double inkPad;
    @Option(names = "--split-gap", description = "Override the blank-run width that splits a line (heights; 0 = off).") Double splitGap;
    @Option(names = "--min-width", description = "Override the narrowest kept piece, in heights.") Double minWidth;
    @Option(names = "--cut-model", description = "A line-cuts.json to cut bands with, or 'rule' for the gap rule (default: the model's own).") String cutModel;
    @Option(names = "--cut-threshold", description = "Override the cut model's probability threshold.") Double cutThreshold;
    @Option(names = "--split-spacing", description = "Override the split's multiple of the line's median blank run (0 = off).") Double splitSpacing;
    @Option(names = "--smoothing", description = "Override the blur applied before reading (sigma per line height; 0 = off).")
    Double smoothing;
    @Option(names = "--max-line-height", description = "Read a page scaled down when its median line is taller than"
            + " this (0: never; default: the pipeline's LineScaling).")
    Integer maxLineHeight;
    @Option(names = "--line-height", defaultValue = "0",
            description = "Resize each line to this height (px) before reading it alone; 0 = read in place on the page.")
    int lineHeight;
    @Option(names = "--reread-below", description = "Override: re-read lines under this confidence from the unblurred page.")
    Double rereadBelow;
    @Option(names = "--tess-var", description = "A Tesseract parameter for Init, NAME=VALUE (repeatable; on top of"
            + " the pipeline's TesseractConfig.DEFAULT_VARIABLES, NAME= resets one to Tesseract's default).")
    Map<String, String> tessVars = new LinkedHashMap<>();
    @Option(names = "--denoise-above", description = "Override the page noise (gray levels) above which ink is measured blurred.")
    Double denoiseAbove;
    @Option(names = "--json", description = "Also write the summary as JSON here.") Path json;
    @Option(names = "--synthetic", defaultValue = "0",
            description = "Instead of SROIE: detection recall/precision on N generated pages (seeds 7919*i, unseen in training).")
    int synthetic;
    @Option(names = "--stack", defaultValue = "1",
            description = "Stack every N receipts of the range into one long page (issue 19's long receipts; boxes"
                    + " shifted) and evaluate those pages; 1 = each receipt alone.")
    int stack;
    @Option(names = "--verbose", description = "List missed lines (synthetic mode); print reference and read text (SROIE).") boolean verbose;

    /** The receipt's own line boxes read by Tesseract: the page CER a perfect detector would get. */
    private static final TextLineDetector TRUTH = new TextLineDetector() {
        @Override
        public List<DetectedLine> detect(GrayImage page) {
            throw new UnsupportedOperationException("the truth boxes come from the receipt");
        }

        @Override
        public String name() {
            return "truth";
        }
    };

    private record Totals(String name, LineMatch match, long distance, long refChars, double cerSum, int pages,
                          long millis) {
        Totals add(LineMatch m, long dist, long ref, double cer, long ms) {
            return new Totals(name, match.plus(m), distance + dist, refChars + ref, cerSum + cer, pages + 1, millis + ms);
        }
    }

    @Override
    public Integer call() throws Exception {
        List<SroieReceipt> receipts = SroieRange.parse(range).load(sroie);
        if (limit > 0 && receipts.size() > limit) {
            receipts = receipts.subList(0, limit);
        }
        LoadedModel loaded = null;
        Map<String, TextLineDetector> dets = new LinkedHashMap<>();
        for (String d : detectors) {
            switch (d) {
                case "ctpn" -> {
                    loaded = CtpnModelLoader.load(model, model.getFileName().toString(), 0);
                    CtpnDetector.Settings s = CtpnDetector.Settings.defaults();
                    TextConnector.Params p = s.connector();
                    p = new TextConnector.Params(gapFactor != null ? gapFactor : p.maxGapFactor(), p.minGapPx(),
                            p.minVerticalOverlap(), p.minSizeSimilarity(),
                            minProposals != null ? minProposals : p.minProposals(), p.minLineScore(),
                            minSingleScore != null ? minSingleScore : p.minSingleScore());
                    s = new CtpnDetector.Settings(minScore != null ? minScore : s.minProposalScore(), s.nmsIou(), p,
                            s.inkTrim(), inkPad != null ? inkPad : s.inkPad(),
                            splitGap != null ? splitGap : s.splitGapFactor(),
                            splitSpacing != null ? splitSpacing : s.splitSpacingFactor(),
                            denoiseAbove != null ? denoiseAbove : s.denoiseAbove(), s.denoiseSigma(),
                            minWidth != null ? minWidth : s.minWidthFactor());
                    dets.put(d, new CtpnDetector(loaded, s, CutOptions.cutter(loaded, s, cutModel, cutThreshold)));
                }
                case "opencv" -> dets.put(d, new MorphologyLineDetector());
                case "tesseract" -> dets.put(d, null);
                case "truth" -> dets.put(d, TRUTH);
                default -> throw new IllegalArgumentException("unknown detector " + d);
            }
        }
        TesseractEngine engine = (noOcr || synthetic > 0) && !dets.containsKey("tesseract") ? null
                : new TesseractEngine(new TesseractConfig(Path.of(tessdata), language,
                        new StrokeSmoothing(smoothing == null ? TesseractConfig.DEFAULT_SMOOTHING.sigmaPerHeight() : smoothing,
                                rereadBelow == null ? TesseractConfig.DEFAULT_SMOOTHING.rereadBelow() : rereadBelow),
                        new LineScaling(lineHeight, maxLineHeight != null ? maxLineHeight : TesseractConfig.DEFAULT_SCALING.maxMedianHeight()), TesseractConfig.DEFAULT_VARIABLES).withVariables(tessVars));
        if (synthetic > 0) {
            SyntheticPages pages = SyntheticPages.withInstalledFonts();
            for (var e : dets.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                LineMatch total = new LineMatch(0, 0, 0);
                for (long i = 1; i <= synthetic; i++) {
                    SyntheticPages.Page p = pages.render(i * 7919);
                    List<Box> found = e.getValue().detect(p.image()).stream().map(DetectedLine::box).toList();
                    total = total.plus(LineMatch.of(p.lines(), found, 0.5));
                    if (verbose) {
                        for (Box t : p.lines()) {
                            Box best = found.stream().max(java.util.Comparator.comparingDouble(t::iou)).orElse(null);
                            if (best == null || t.iou(best) < 0.5) {
                                System.out.printf("  page %d missed %s best %s iou %.2f%n", i, t, best,
                                        best == null ? 0 : t.iou(best));
                            }
                        }
                    }
                }
                System.out.printf("%s synthetic %d pages: precision %.3f recall %.3f F1 %.3f (%d lines)%n", e.getKey(),
                        synthetic, total.precision(), total.recall(), total.f1(), total.truths());
            }
            if (loaded != null) {
                loaded.close();
            }
            return 0;
        }
        Map<String, Totals> totals = new LinkedHashMap<>();
        dets.keySet().forEach(k -> totals.put(k, new Totals(k, new LineMatch(0, 0, 0), 0, 0, 0, 0, 0)));
        try {
            for (int first = 0; first < receipts.size(); first += Math.max(1, stack)) {
                SroieReceipt receipt = receipts.get(first);
                GrayImage page;
                List<Box> truth;
                String reference;
                String id;
                if (stack > 1) {
                    List<SroieReceipt> group = receipts.subList(first, Math.min(receipts.size(), first + stack));
                    LongReceipt lr = LongReceipt.stacked(receipt.id() + "-" + group.get(group.size() - 1).id(), group);
                    page = lr.page();
                    truth = lr.boxes();
                    reference = lr.text();
                    id = lr.name() + " " + page.width() + "x" + page.height();
                } else {
                    page = GrayImage.from(ImageIO.read(receipt.image().toFile()));
                    truth = receipt.boxes();
                    reference = ReadingOrder.sort(receipt.lines(), SroieReceipt.TruthLine::box).stream()
                            .map(SroieReceipt.TruthLine::text).collect(Collectors.joining("\n"));
                    id = receipt.id();
                }
                StringBuilder row = new StringBuilder(id);
                for (var e : dets.entrySet()) {
                    long t0 = System.nanoTime();
                    List<Box> boxes;
                    String text = "";
                    if (e.getValue() == null) {
                        List<RecognizedLine> lines = engine.recognizePageLayout(page);
                        boxes = lines.stream().map(RecognizedLine::box).toList();
                        text = lines.stream().map(RecognizedLine::text).collect(Collectors.joining("\n"));
                    } else {
                        // Detectors answer in reading order; the truth boxes are put in it here.
                        boxes = e.getValue() == TRUTH ? ReadingOrder.sort(truth, b -> b)
                                : e.getValue().detect(page).stream().map(DetectedLine::box).toList();
                        if (!noOcr) {
                            text = engine.recognizeLines(page, boxes, e.getValue().readMargin()).stream().map(RecognizedLine::text)
                                    .collect(Collectors.joining("\n"));
                        }
                    }
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    LineMatch m = LineMatch.of(truth, boxes, 0.5);
                    long dist = noOcr && e.getValue() != null ? 0 : TextMetrics.editDistance(TextMetrics.normalise(reference),
                            TextMetrics.normalise(text));
                    long refLen = TextMetrics.normalise(reference).length();
                    double cer = refLen == 0 ? 0 : (double) dist / refLen;
                    totals.put(e.getKey(), totals.get(e.getKey()).add(m, dist, refLen, cer, ms));
                    row.append(String.format("  %s F1 %.3f CER %.3f (%d ms)", e.getKey(), m.f1(), cer, ms));
                    if (verbose) {
                        System.out.printf("--- %s %s reference ---%n%s%n--- %s read ---%n%s%n", id, e.getKey(),
                                reference, e.getKey(), text);
                    }
                }
                System.out.println(row);
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
            if (loaded != null) {
                loaded.close();
            }
        }
        System.out.printf("%nSROIE %s, %d receipts%s%n", range, receipts.size(),
                stack > 1 ? ", stacked " + stack + " a page" : "");
        System.out.printf("%-10s %9s %9s %9s %9s %11s %9s %9s%n", "detector", "precision", "recall", "F1", "pageCER",
                "pooledCER", "ms/page", "ms/line");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Totals t : totals.values()) {
            double meanCer = t.pages() == 0 ? 0 : t.cerSum() / t.pages();
            double pooled = t.refChars() == 0 ? 0 : (double) t.distance() / t.refChars();
            // ms/line: the detector's and Tesseract's time over the lines it read (detections).
            double msPerLine = t.match().detections() == 0 ? 0 : (double) t.millis() / t.match().detections();
            System.out.printf("%-10s %9.3f %9.3f %9.3f %9s %11s %9d %9.1f%n", t.name(), t.match().precision(),
                    t.match().recall(), t.match().f1(), noOcr && !t.name().equals("tesseract") ? "-" : String.format("%.3f", meanCer),
                    noOcr && !t.name().equals("tesseract") ? "-" : String.format("%.3f", pooled),
                    t.pages() == 0 ? 0 : t.millis() / t.pages(), msPerLine);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("detector", t.name());
            m.put("split", range);
            if (stack > 1) {
                m.put("stack", stack);
            }
            m.put("pages", t.pages());
            m.put("precision", t.match().precision());
            m.put("recall", t.match().recall());
            m.put("f1", t.match().f1());
            if (!noOcr || t.name().equals("tesseract")) {
                m.put("meanPageCer", meanCer);
                m.put("pooledCer", pooled);
            }
            m.put("msPerPage", t.pages() == 0 ? 0 : t.millis() / t.pages());
            m.put("msPerLine", msPerLine);
            out.add(m);
        }
        Totals psm3 = totals.get("tesseract");
        if (psm3 != null && psm3.pages() > 0 && psm3.millis() > 0) {
            // Same pages, same run, one thread: the speed target is a ratio >= 1 against Tesseract alone.
            for (Totals t : totals.values()) {
                if (t != psm3 && t.millis() > 0) {
                    System.out.printf("throughput %s / tesseract (PSM 3), same pages and run: %.2f%n", t.name(),
                            (double) psm3.millis() / t.millis());
                }
            }
        }
        if (json != null) {
            Files.write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(out));
        }
        return 0;
    }
}
