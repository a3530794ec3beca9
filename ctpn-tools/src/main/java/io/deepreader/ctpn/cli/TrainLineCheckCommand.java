package io.deepreader.ctpn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.postprocess.LearnedCuts;
import io.deepreader.ctpn.postprocess.LearnedLineCheck;
import io.deepreader.ctpn.postprocess.LineCutter;
import io.deepreader.ctpn.postprocess.LineFeatures;
import io.deepreader.ctpn.postprocess.TextBand;
import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.eval.SroieRange;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.ScaledPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import ml.dmlc.xgboost4j.java.Booster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Learns which detections are lines of text: every piece the model's bands are cut into on SROIE training
 * receipts is labelled by the truth (it matches a truth line at IoU 0.5) and gradient-boosted trees are fitted to
 * {@link LineFeatures}. Writes {@value LearnedLineCheck#FILE_NAME}; {@code --check} prints detection P / R / F1 on
 * other training receipts without the check and at several thresholds. Refuses the report split.
 */
@Command(name = "train-line-check", description = "Train the learned line check on SROIE training receipts.")
final class TrainLineCheckCommand implements Callable<Integer> {
    @Mixin TreeFitOptions fit;
    @Option(names = "--check", description = "Receipts to report detection F1 on, e.g. 250-299.") String check;
    @Option(names = "--threshold", defaultValue = "0.3", description = "Written to the file as its default.") double threshold;
    @Option(names = "--seed", defaultValue = "20261204") int seed;
    @Option(names = "--cuts", description = "A line-cuts.json every model here cuts its bands with (default: each model's own).")
    Path cuts;

    /** One page's pieces: features, whether each matches a truth line, their boxes and the truth, scaled. */
    private record PagePieces(List<double[]> features, List<Boolean> labels, List<Box> boxes, List<Box> truth) {
    }

    @Override
    public Integer call() throws Exception {
        try (LoadedModel loaded = CtpnModelLoader.load(fit.model, fit.model.getFileName().toString(), 1)) {
            CtpnDetector detector = uncheckedDetector(loaded);
            List<PagePieces> train = pieces(detector, loaded, fit.range);
            List<double[]> features = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            train.forEach(p -> {
                features.addAll(p.features());
                labels.addAll(p.labels());
            });
            long text = labels.stream().filter(b -> b).count();
            System.out.printf("%s: %d pieces, %d match a truth line%n", fit.range, labels.size(), text);
            TreeTraining trees = fit.training(seed);
            Booster booster = trees.fit(features, labels, LineFeatures.FEATURES.size());
            ObjectMapper json = new ObjectMapper();
            ObjectNode file = json.createObjectNode();
            file.put("formatVersion", 1);
            file.set("features", json.valueToTree(LineFeatures.FEATURES));
            file.put("threshold", threshold);
            ObjectNode record = file.putObject("training");
            record.put("sroieReceipts", fit.range);
            record.put("ctpnModel", loaded.version());
            record.put("pieces", labels.size());
            record.put("text", text);
            record.set("xgboost", json.valueToTree(trees.params()));
            record.put("rounds", fit.rounds);
            TreeTraining.write(json, file, booster, fit.out);
            System.out.println("wrote " + fit.out);
            if (check != null) {
                LearnedLineCheck lineCheck = LearnedLineCheck.read(fit.out);
                report(fit.range, train, lineCheck);
                report(check, pieces(detector, loaded, check), lineCheck);
            }
        }
        return 0;
    }

    /** The model's detector with {@code --cuts} (or its own cuts) and no line check: the pieces to learn from. */
    private CtpnDetector uncheckedDetector(LoadedModel loaded) {
        CtpnDetector.Settings s = CtpnDetector.Settings.defaults();
        LineCutter cutter = cuts != null ? LearnedCuts.read(cuts, s.inkPad()) : CtpnDetector.defaultCutter(loaded, s);
        return new CtpnDetector(loaded, s, cutter, Optional.empty());
    }

    private static void report(String name, List<PagePieces> pages, LearnedLineCheck lineCheck) {
        for (double t : new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5}) {
            LineMatch total = new LineMatch(0, 0, 0);
            for (PagePieces p : pages) {
                List<Box> kept = new ArrayList<>();
                for (int i = 0; i < p.boxes().size(); i++) {
                    if (t == 0 || lineCheck.probability(p.features().get(i)) >= t) {
                        kept.add(p.boxes().get(i));
                    }
                }
                total = total.plus(LineMatch.of(p.truth(), kept, 0.5));
            }
            System.out.printf("%s %s: P %.3f R %.3f F1 %.4f%n", name, t == 0 ? "no check" : String.format("p >= %.1f", t),
                    total.precision(), total.recall(), total.f1());
        }
    }

    private List<PagePieces> pieces(CtpnDetector detector, LoadedModel loaded, String receipts) throws Exception {
        SroieRange range = SroieRange.parse(receipts).outsideReportSplit("train and check the line check");
        List<PagePieces> pages = new ArrayList<>();
        for (SroieReceipt receipt : range.load(fit.sroie)) {
            GrayImage page = GrayImage.from(ImageIO.read(receipt.image().toFile()));
            ScaledPage scaled = ScaledPage.of(page, loaded.manifest().input().maxSide());
            GrayImage ink = detector.inkImage(scaled.image());
            List<TextBand> bands = detector.bands(ink, detector.infer(scaled.image()));
            List<LineFeatures.Piece> pieces = detector.pieces(ink, bands);
            List<Box> truth = receipt.boxes().stream().map(b -> b.scaled(scaled.scale())).toList();
            List<Box> boxes = pieces.stream().map(p -> p.box(bands)).toList();
            List<Boolean> labels = boxes.stream().map(b -> truth.stream().anyMatch(t -> t.iou(b) >= 0.5)).toList();
            pages.add(new PagePieces(LineFeatures.of(ink, bands, pieces), labels, boxes, truth));
        }
        return pages;
    }
}
