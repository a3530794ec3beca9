package io.deepreader.ctpn.cli;

import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ocr.eval.PipelineEval;
import io.deepreader.ocr.eval.SroieRange;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.recognition.LineScaling;
import io.deepreader.ocr.pipeline.LineEvidence;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractPool;
import java.nio.file.Path;
import java.util.ArrayList;
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
    @Option(names = "--intra-op-threads", defaultValue = "0",
            description = "TensorFlow intra-op threads of the CTPN session (0: the available cores; the function's TF_INTRA_OP_THREADS).")
    int intraOpThreads;
    @Option(names = "--max-line-height", description = "Read a page scaled down when its median line is taller than"
            + " this (0: never; default: the pipeline's TesseractConfig.DEFAULT_SCALING).")
    Integer maxLineHeight;
    @Option(names = "--line-evidence", split = ",", description = "Which reads are lines: 'default', 'blank' (drop blank"
            + " reads only) or CHARS:CONFIDENCE (LineEvidence); several, comma-separated, are run one after another.")
    List<String> evidence = List.of("default");

    @Override
    public Integer call() throws Exception {
        List<SroieReceipt> receipts = SroieRange.parse(range).load(sroie);
        try (LoadedModel loaded = CtpnModelLoader.load(model, model.getFileName().toString(), intraOpThreads);
             TesseractPool pool = new TesseractPool(config(), workers)) {
            CtpnDetector detector = new CtpnDetector(loaded);
            // One warm-up page each, so neither side pays the first call's one-off costs.
            PipelineEval.evaluate(detector, pool, receipts.subList(0, 1), 1);
            PipelineEval.evaluateTesseractLayout(pool, receipts.subList(0, 1), 1);
            List<PipelineEval.Score> products = new ArrayList<>();
            for (String e : evidence) {
                products.add(PipelineEval.evaluate(detector, pool, receipts, workers, evidence(e)));
            }
            PipelineEval.Score alone = PipelineEval.evaluateTesseractLayout(pool, receipts, workers);
            System.out.printf("SROIE %s, %d receipts, %d workers, TF intra-op threads %s, line model %s/%s.traineddata,"
                    + " pages read scaled above a median line of %d px%n", range, receipts.size(), workers,
                    intraOpThreads > 0 ? intraOpThreads : "all cores", tessdata, language, pool.config().scaling().maxMedianHeight());
            for (int i = 0; i < products.size(); i++) {
                System.out.println(products.get(i).row() + "  line evidence " + evidence.get(i));
            }
            PipelineEval.Score product = products.get(0);
            System.out.println(alone.row());
            System.out.printf("throughput, product path / Tesseract alone: %.2f (pages/s %.3f / %.3f)%n",
                    product.pagesPerSecond() / alone.pagesPerSecond(), product.pagesPerSecond(), alone.pagesPerSecond());
            // The same ratio per page size: the 600-dpi scans cost both sides several times a receipt.
            System.out.printf("per page, Tesseract alone's worker time / the product path's: pages <= 5 Mpx %s, larger %s%n",
                    ratio(alone.smallMsPerPage(), product.smallMsPerPage()), ratio(alone.largeMsPerPage(), product.largeMsPerPage()));
        }
        return 0;
    }

    private TesseractConfig config() {
        TesseractConfig config = new TesseractConfig(tessdata, language);
        return maxLineHeight == null ? config : config.withScaling(LineScaling.inPlace(maxLineHeight));
    }

    private static LineEvidence evidence(String spec) {
        return switch (spec) {
            case "default" -> LineEvidence.defaults();
            case "blank" -> LineEvidence.BLANK_ONLY;
            default -> {
                String[] v = spec.split(":");
                if (v.length != 2) {
                    throw new IllegalArgumentException("--line-evidence wants default, blank or CHARS:CONFIDENCE, not " + spec);
                }
                yield new LineEvidence(Integer.parseInt(v[0]), Double.parseDouble(v[1]));
            }
        };
    }

    private static String ratio(double a, double b) {
        return a == 0 || b == 0 ? "-" : String.format("%.2f (%.0f / %.0f ms)", a / b, a, b);
    }
}
