package io.deepreader.ctpn.cli;

import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.postprocess.LearnedCuts;
import io.deepreader.ctpn.postprocess.LineCutter;
import io.deepreader.ctpn.postprocess.TextConnector;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.eval.SroieRange;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.ScaledPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Grid search of the post-processing settings on training-split receipts: one TF run per page, then every
 * combination of settings is applied to the cached outputs in plain Java and scored by detection F1. Refuses
 * the report split, so the settings it prints were never chosen by looking at 300-399. Each option takes a
 * comma-separated list; left out, it is the shipped default ({@link CtpnDetector.Settings#defaults()}).
 */
@Command(name = "tune", description = "Grid-search post-processing settings on SROIE training receipts (detection F1).")
final class TuneCommand implements Callable<Integer> {
    @Option(names = "--sroie", required = true) Path sroie;
    @Option(names = "--range", defaultValue = "250-299") String range;
    @Option(names = "--limit", defaultValue = "0") int limit;
    @Option(names = "--model", required = true) Path model;
    @Option(names = "--threads", defaultValue = "1") int threads;
    @Option(names = "--min-score", defaultValue = "0.97", split = ",") List<Double> minScores;
    @Option(names = "--gap-factor", defaultValue = "0.6", split = ",") List<Double> gapFactors;
    @Option(names = "--min-single-score", defaultValue = "0.995", split = ",") List<Double> singleScores;
    @Option(names = "--split-gap", defaultValue = "1.0", split = ",") List<Double> splitGaps;
    @Option(names = "--split-spacing", defaultValue = "0", split = ",") List<Double> splitSpacings;
    @Option(names = "--ink-pad", defaultValue = "0.1", split = ",") List<Double> inkPads;
    @Option(names = "--nms", defaultValue = "0.3", split = ",") List<Double> nmsIous;
    @Option(names = "--min-width", defaultValue = "0.2", split = ",") List<Double> minWidths;
    @Option(names = "--cut-model", description = "line-cuts.json files and/or 'rule' (default: the model's own).",
            split = ",") List<String> cutModels;
    @Option(names = "--cut-threshold", description = "Cut model thresholds (default: each file's).", split = ",")
    List<Double> cutThresholds;
    @Option(names = "--top", defaultValue = "15") int top;
    @Option(names = "--misses", description = "For the best setting, classify the missed truth lines.") boolean misses;

    private record Page(GrayImage image, ScaledPage scaled, CtpnDetector.NetworkOutput output, List<Box> truth) {
    }

    private record Scored(CtpnDetector.Settings settings, String cuts, LineCutter cutter, LineMatch match) {
    }

    @Override
    public Integer call() throws Exception {
        List<SroieReceipt> receipts = SroieRange.parse(range).outsideReportSplit("tune").load(sroie);
        if (limit > 0 && receipts.size() > limit) {
            receipts = receipts.subList(0, limit);
        }
        List<Page> pages = new ArrayList<>();
        try (LoadedModel loaded = CtpnModelLoader.load(model, model.getFileName().toString(), threads)) {
            CtpnDetector base = new CtpnDetector(loaded);
            int maxSide = loaded.manifest().input().maxSide();
            for (SroieReceipt receipt : receipts) {
                GrayImage img = GrayImage.from(ImageIO.read(receipt.image().toFile()));
                ScaledPage scaled = ScaledPage.of(img, maxSide);
                pages.add(new Page(img, scaled, base.infer(scaled.image()),
                        receipt.boxes()));
            }
            List<Scored> scored = new ArrayList<>();
            for (CtpnDetector.Settings s : grid()) {
                for (String cutModel : cutModels == null ? Collections.<String>singletonList(null) : cutModels) {
                    for (Double t : cutThresholds == null ? Collections.<Double>singletonList(null) : cutThresholds) {
                        LineCutter cutter = CutOptions.cutter(loaded, s, cutModel, t);
                        String name = cutter instanceof LearnedCuts l
                                ? (cutModel == null ? "model" : Path.of(cutModel).getFileName()) + "@" + l.threshold()
                                : "rule";
                        scored.add(new Scored(s, name, cutter, score(new CtpnDetector(loaded, s, cutter), pages)));
                    }
                }
            }
            scored.sort(Comparator.comparingDouble((Scored s) -> s.match().f1()).reversed());
            System.out.printf("SROIE %s, %d receipts, %d settings%n", range, pages.size(), scored.size());
            System.out.printf("%6s %5s %5s %6s %5s %7s %5s %5s %-24s  %9s %9s %9s%n", "score", "nms", "gap", "single",
                    "split", "spacing", "pad", "minw", "cuts", "precision", "recall", "F1");
            for (Scored s : scored.subList(0, Math.min(top, scored.size()))) {
                CtpnDetector.Settings t = s.settings();
                System.out.printf("%6.3f %5.2f %5.2f %6.3f %5.2f %7.2f %5.2f %5.2f %-24s  %9.3f %9.3f %9.4f%n",
                        t.minProposalScore(), t.nmsIou(), t.connector().maxGapFactor(), t.connector().minSingleScore(),
                        t.splitGapFactor(), t.splitSpacingFactor(), t.inkPad(), t.minWidthFactor(), s.cuts(),
                        s.match().precision(), s.match().recall(), s.match().f1());
            }
            if (misses && !scored.isEmpty()) {
                Scored best = scored.get(0);
                printMisses(new CtpnDetector(loaded, best.settings(), best.cutter()), pages);
            }
        }
        return 0;
    }

    /** Every combination of the options' values, in the order the options vary (the last one fastest). */
    private List<CtpnDetector.Settings> grid() {
        TextConnector.Params p0 = TextConnector.Params.defaults();
        CtpnDetector.Settings s0 = CtpnDetector.Settings.defaults();
        List<List<Double>> combinations = List.of(List.of());
        for (List<Double> axis : List.of(minScores, nmsIous, gapFactors, singleScores, splitGaps, splitSpacings, inkPads,
                minWidths)) {
            List<List<Double>> longer = new ArrayList<>();
            for (List<Double> c : combinations) {
                for (double v : axis) {
                    List<Double> next = new ArrayList<>(c);
                    next.add(v);
                    longer.add(next);
                }
            }
            combinations = longer;
        }
        return combinations.stream().map(v -> new CtpnDetector.Settings(v.get(0), v.get(1),
                new TextConnector.Params(v.get(2), p0.minGapPx(), p0.minVerticalOverlap(), p0.minSizeSimilarity(),
                        p0.minProposals(), p0.minLineScore(), v.get(3)),
                s0.inkTrim(), v.get(6), v.get(4), v.get(5), s0.denoiseAbove(), s0.denoiseSigma(), v.get(7))).toList();
    }

    private static LineMatch score(CtpnDetector detector, List<Page> pages) {
        LineMatch total = new LineMatch(0, 0, 0);
        for (Page p : pages) {
            List<Box> found = detector.lines(p.image(), p.scaled(), p.output()).stream().map(DetectedLine::box).toList();
            total = total.plus(LineMatch.of(p.truth(), found, 0.5));
        }
        return total;
    }

    /**
     * A missed truth line is "nothing" (no detection overlaps it), "split" (two or more detections lie mostly
     * inside it), "merged-row"/"merged-rows" (its best detection also covers another truth line of the same row
     * / of another row), "vertical"/"horizontal" (its best detection shares most of the other axis but not this
     * one), else "other". For same-row merges, the blank between the two truth lines in truth-line heights.
     */
    private static void printMisses(CtpnDetector detector, List<Page> pages) {
        Map<String, Integer> kinds = new TreeMap<>();
        List<Double> gaps = new ArrayList<>();
        for (Page p : pages) {
            List<Box> found = detector.lines(p.image(), p.scaled(), p.output()).stream().map(DetectedLine::box).toList();
            for (Box t : p.truth()) {
                Box best = found.stream().max(Comparator.comparingDouble(t::iou)).orElse(null);
                if (best != null && t.iou(best) >= 0.5) {
                    continue;
                }
                String kind;
                if (best == null || t.iou(best) == 0) {
                    kind = "nothing";
                } else if (found.stream().filter(d -> t.intersectionArea(d) > 0.5 * d.area()).count() >= 2) {
                    kind = "split";
                } else if (other(p.truth(), t, best).isPresent()) {
                    Box o = other(p.truth(), t, best).get();
                    boolean sameRow = t.verticalOverlap(o) > 0.5;
                    kind = sameRow ? "merged-row" : "merged-rows";
                    if (sameRow) {
                        gaps.add(Math.max(o.x() - t.right(), t.x() - o.right()) / (double) Math.min(t.height(), o.height()));
                    }
                } else {
                    double ox = overlap(t.x(), t.right(), best.x(), best.right()) / Math.max(t.width(), best.width());
                    double oy = overlap(t.y(), t.bottom(), best.y(), best.bottom()) / Math.max(t.height(), best.height());
                    kind = ox > 0.8 && oy <= 0.8 ? "vertical" : oy > 0.8 && ox <= 0.8 ? "horizontal" : "other";
                }
                kinds.merge(kind, 1, Integer::sum);
            }
        }
        System.out.println("missed truth lines by kind (best setting): " + kinds);
        if (!gaps.isEmpty()) {
            gaps.sort(null);
            System.out.println("merged-row: gap to the other truth line, in heights, deciles: " + IntStream.range(0, 10)
                    .mapToObj(i -> String.format("%.2f", gaps.get(i * gaps.size() / 10))).toList());
        }
    }

    /** Another truth line mostly inside {@code detection}. */
    private static Optional<Box> other(List<Box> truth, Box line, Box detection) {
        return truth.stream().filter(o -> o != line && o.intersectionArea(detection) > 0.5 * o.area()).findFirst();
    }

    private static double overlap(double a0, double a1, double b0, double b1) {
        return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }
}
