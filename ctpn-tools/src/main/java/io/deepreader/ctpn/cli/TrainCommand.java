package io.deepreader.ctpn.cli;

import io.deepreader.ctpn.train.SyntheticPages;
import io.deepreader.ctpn.Anchors;
import io.deepreader.ctpn.model.Architecture;
import io.deepreader.ctpn.train.Trainer;
import io.deepreader.ctpn.train.TrainingSampler;
import io.deepreader.ocr.eval.SroieRange;
import io.deepreader.ocr.eval.SroieReceipt;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", description = "Train CTPN on synthetic pages (+ SROIE receipts), checkpoint and export.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "small") String arch;
    @Option(names = "--steps", defaultValue = "6000") int steps;
    @Option(names = "--max-side", defaultValue = "1280", description = "Production input scale (longest side).") int maxSide;
    @Option(names = "--crop", defaultValue = "448") int crop;
    @Option(names = "--lr", defaultValue = "0.001") float lr;
    @Option(names = "--threads", defaultValue = "2") int threads;
    @Option(names = "--checkpoint-every", defaultValue = "250") int checkpointEvery;
    @Option(names = "--export-every", defaultValue = "1000") int exportEvery;
    @Option(names = "--sroie", description = "sroie-dev directory; omit for synthetic only") Path sroie;
    @Option(names = "--sroie-range", defaultValue = "0-299", description = "Receipts to train on (never 300-399).") String range;
    @Option(names = "--real-fraction", defaultValue = "0.5") double realFraction;
    @Option(names = "--work", required = true, description = "Checkpoints and exports go here.") Path work;
    @Option(names = "--seed", defaultValue = "20261123") long seed;
    @Option(names = "--init", description = "Start from this model directory's weights (fine-tuning), not random ones.")
    Path init;
    @Option(names = "--varied-synthetic", description = "Also tight rows, letter-spaced headings, faded print.")
    boolean variedSynthetic;

    @Override
    public Integer call() throws Exception {
        SroieRange training = SroieRange.parse(range).outsideReportSplit("train");
        List<SroieReceipt> receipts = sroie == null ? List.of() : training.load(sroie);
        SyntheticPages synthetic = variedSynthetic ? SyntheticPages.withInstalledFonts().varied()
                : SyntheticPages.withInstalledFonts();
        Map<String, Object> summary = new LinkedHashMap<>(Map.of(
                "synthetic", "Java2D invoice/receipt pages, fonts, sizes, layouts, noise, blur, skew, JPEG",
                "sroieReceipts", sroie == null ? "none" : range + " (" + receipts.size() + ")",
                "realFraction", receipts.isEmpty() ? 0.0 : realFraction));
        if (variedSynthetic) {
            summary.put("variedSynthetic", "tight rows, letter-spaced headings, faded print");
        }
        if (init != null) {
            summary.put("initialWeights", init.getFileName().toString());
        }
        Trainer.Options o = new Trainer.Options(Architecture.named(arch), Anchors.paper(), steps, maxSide, crop, lr,
                threads, checkpointEvery, exportEvery, work, seed, summary, init);
        new Trainer().train(o, new TrainingSampler(synthetic, receipts, realFraction, maxSide, crop));
        return 0;
    }
}
