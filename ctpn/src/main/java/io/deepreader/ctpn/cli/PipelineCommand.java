package io.deepreader.ctpn.cli;

import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ocr.eval.PipelineEval;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The product path against Tesseract alone on the same receipts in one run: the page pipeline (preprocessing,
 * CTPN, Tesseract on the lines; {@link PipelineEval#evaluate}) and Tesseract's own layout analysis (PSM 3) on the
 * same preprocessed pages, both with the same workers and line model, then the throughput ratio. Warm engines and
 * model; the JVM start is not counted. Refuses nothing: the caller keeps the report split for the shipped run.
 */
@Command(name = "pipeline", description = "Product path (CTPN + Tesseract) vs Tesseract alone on SROIE receipts: F1, CER, pages/s and their ratio.")
final class PipelineCommand implements Callable<Integer> {
    @Option(names = "--sroie", required = true) Path sroie;
    @Option(names = "--range", defaultValue = "250-299") String range;
    @Option(names = "--model", required = true, description = "CTPN model version directory.") Path model;
    @Option(names = "--workers", defaultValue = "2") int workers;
    @Option(names = "--tessdata", defaultValue = "/usr/share/tesseract-ocr/5/tessdata") Path tessdata;
    @Option(names = "--language", defaultValue = "eng", description = "Reads {tessdata}/{language}.traineddata.") String language;

    @Override
    public Integer call() throws Exception {
        String[] r = range.split("-");
        List<SroieReceipt> receipts = SroieReceipt.loadRange(sroie, Integer.parseInt(r[0]), Integer.parseInt(r[1]) + 1);
        try (LoadedModel loaded = CtpnModelLoader.load(model, model.getFileName().toString(), 0);
             TesseractPool pool = new TesseractPool(new TesseractConfig(tessdata, language), workers)) {
            CtpnDetector detector = new CtpnDetector(loaded);
            // One warm-up page each, so neither side pays the first call's one-off costs.
            PipelineEval.evaluate(detector, pool, receipts.subList(0, 1), 1);
            PipelineEval.evaluateTesseractLayout(pool, receipts.subList(0, 1), 1);
            PipelineEval.Score product = PipelineEval.evaluate(detector, pool, receipts, workers);
            PipelineEval.Score alone = PipelineEval.evaluateTesseractLayout(pool, receipts, workers);
            System.out.printf("SROIE %s, %d receipts, %d workers, line model %s/%s.traineddata%n", range, receipts.size(),
                    workers, tessdata, language);
            System.out.println(product.row());
            System.out.println(alone.row());
            System.out.printf("throughput, product path / Tesseract alone: %.2f (pages/s %.3f / %.3f)%n",
                    product.pagesPerSecond() / alone.pagesPerSecond(), product.pagesPerSecond(), alone.pagesPerSecond());
        }
        return 0;
    }
}
