package io.deepreader.ctpn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.postprocess.CutCandidates;
import io.deepreader.ctpn.postprocess.LearnedCuts;
import io.deepreader.ctpn.postprocess.LineInk;
import io.deepreader.ctpn.postprocess.TextBand;
import io.deepreader.ocr.eval.SroieRange;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.image.ScaledPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import ml.dmlc.xgboost4j.java.Booster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Learns where a CTPN band is cut into lines: every blank run of {@code --min-gap} heights or more inside the
 * model's bands on SROIE training receipts is labelled by the truth (a truth line of the row ends at it and
 * another begins) and gradient-boosted trees (XGBoost) are fitted to {@link CutCandidates}' features. Writes
 * {@value LearnedCuts#FILE_NAME}; {@code --check} prints cuts right / wrong against the width rule on other
 * training receipts. Refuses the report split.
 */
@Command(name = "train-cuts", description = "Train the learned line-cut model on SROIE training receipts.")
final class TrainCutsCommand implements Callable<Integer> {
    @Mixin TreeFitOptions fit;
    @Option(names = "--check", description = "Receipts to report cuts on, e.g. 250-299.") String check;
    @Option(names = "--min-gap", defaultValue = "0.3") double minGap;
    @Option(names = "--threshold", defaultValue = "0.5", description = "Written to the file as its default.") double threshold;
    @Option(names = "--seed", defaultValue = "20261203") int seed;

    private record Labelled(List<double[]> features, List<Boolean> labels) {
        int positives() {
            return (int) labels.stream().filter(b -> b).count();
        }
    }

    @Override
    public Integer call() throws Exception {
        try (LoadedModel loaded = CtpnModelLoader.load(fit.model, fit.model.getFileName().toString(), 1)) {
            CtpnDetector detector = new CtpnDetector(loaded);
            Labelled train = candidates(detector, loaded, fit.range);
            System.out.printf("%s: %d candidates, %d cuts in the truth%n", fit.range, train.labels().size(), train.positives());
            TreeTraining trees = fit.training(seed);
            Booster booster = trees.fit(train.features(), train.labels(), CutCandidates.FEATURES.size());
            ObjectMapper json = new ObjectMapper();
            ObjectNode file = json.createObjectNode();
            file.put("formatVersion", 1);
            file.set("features", json.valueToTree(CutCandidates.FEATURES));
            file.put("minGap", minGap);
            file.put("threshold", threshold);
            ObjectNode record = file.putObject("training");
            record.put("sroieReceipts", fit.range);
            record.put("ctpnModel", loaded.version());
            record.put("candidates", train.labels().size());
            record.put("truthCuts", train.positives());
            record.set("xgboost", json.valueToTree(trees.params()));
            record.put("rounds", fit.rounds);
            TreeTraining.write(json, file, booster, fit.out);
            System.out.println("wrote " + fit.out);
            if (check != null) {
                LearnedCuts cuts = LearnedCuts.read(fit.out, CtpnDetector.Settings.defaults().inkPad());
                report(fit.range, train, cuts);
                report(check, candidates(detector, loaded, check), cuts);
            }
        }
        return 0;
    }

    private static void report(String name, Labelled data, LearnedCuts cuts) {
        int pos = data.positives();
        double ruleGap = CtpnDetector.Settings.defaults().splitGapFactor();
        int g = CutCandidates.FEATURES.indexOf("g");
        int[] rule = count(data, f -> f[g] >= ruleGap);
        System.out.printf("%s: %d truth cuts; width rule: %d right, %d wrong%n", name, pos, rule[0], rule[1]);
        for (double t : new double[] {0.3, 0.4, 0.5, 0.6, 0.7}) {
            int[] c = count(data, f -> cuts.probability(f) >= t);
            System.out.printf("  p >= %.1f: %d right, %d wrong%n", t, c[0], c[1]);
        }
    }

    private static int[] count(Labelled data, Predicate<double[]> cut) {
        int right = 0;
        int wrong = 0;
        for (int i = 0; i < data.labels().size(); i++) {
            if (cut.test(data.features().get(i))) {
                if (data.labels().get(i)) {
                    right++;
                } else {
                    wrong++;
                }
            }
        }
        return new int[] {right, wrong};
    }

    private Labelled candidates(CtpnDetector detector, LoadedModel loaded, String receipts) throws Exception {
        SroieRange pages = SroieRange.parse(receipts).outsideReportSplit("train and check the line cuts");
        List<double[]> features = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        CutCandidates candidates = new CutCandidates(minGap);
        for (SroieReceipt receipt : pages.load(fit.sroie)) {
            GrayImage page = GrayImage.from(ImageIO.read(receipt.image().toFile()));
            ScaledPage scaled = ScaledPage.of(page, loaded.manifest().input().maxSide());
            GrayImage ink = detector.inkImage(scaled.image());
            List<TextBand> bands = detector.bands(ink, detector.infer(scaled.image()));
            List<Box> truth = receipt.boxes().stream().map(b -> b.scaled(scaled.scale())).toList();
            for (List<CutCandidates.Candidate> band : candidates.of(ink, bands)) {
                for (CutCandidates.Candidate c : band) {
                    features.add(c.features());
                    labels.add(isCut(truth, bands.get(c.band()), c.run()));
                }
            }
        }
        return new Labelled(features, labels);
    }

    /** A truth line of the band's row ends in or near the run and another one begins there. */
    static boolean isCut(List<Box> truth, TextBand band, LineInk.Run run) {
        double h = band.height();
        double lo = run.start() - 0.4 * h;
        double hi = run.end() + 0.4 * h;
        boolean ends = false;
        boolean begins = false;
        for (Box t : truth) {
            double overlap = Math.min(t.bottom(), band.bottom()) - Math.max(t.y(), band.top());
            if (overlap < 0.5 * Math.min(t.height(), h) || t.right() < band.left() || t.x() > band.right()) {
                continue;
            }
            ends |= t.right() >= lo && t.right() <= hi && t.x() < run.start();
            begins |= t.x() >= lo && t.x() <= hi && t.right() > run.end();
        }
        return ends && begins;
    }
}
