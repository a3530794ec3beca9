package io.deepreader.ctpn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.loader.TensorFlowRuntime;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.recognition.TesseractConfig;
import io.deepreader.ocr.recognition.TesseractEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One cold start in this fresh JVM, printed as one JSON line: JVM start, TF native load, model load (read +
 * verify + SavedModel), Tesseract init, first page. {@code --parallel} overlaps the three init stages the way
 * the function's cold-start holder should; otherwise they run one after another. Run by {@code bench}.
 */
@Command(name = "cold-start", description = "Measure one cold start (use 'bench' to compare modes in fresh JVMs).")
final class ColdStartCommand implements Callable<Integer> {
    private static final int WARM_RUNS = 11;
    private static final long WARM_BUDGET_NS = 10_000_000_000L;

    @Option(names = "--model", required = true) Path model;
    @Option(names = "--page", required = true) Path page;
    @Option(names = "--parallel") boolean parallel;
    @Option(names = "--threads", defaultValue = "0") int threads;
    @Option(names = "--tessdata", defaultValue = "/usr/share/tesseract-ocr/5/tessdata") String tessdata;

    @Override
    public Integer call() throws Exception {
        long mainStart = System.nanoTime();
        long jvmStartMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", parallel ? "parallel" : "sequential");
        out.put("jvmStartMs", jvmStartMs);
        long[] tfMs = new long[1];
        long[] modelMs = new long[1];
        long[] tessMs = new long[1];
        LoadedModel[] loaded = new LoadedModel[1];
        TesseractEngine[] engine = new TesseractEngine[1];
        Runnable tfStage = () -> tfMs[0] = TensorFlowRuntime.preload().time().toMillis();
        Runnable modelStage = () -> {
            long t = System.nanoTime();
            loaded[0] = CtpnModelLoader.load(model, model.getFileName().toString(), threads);
            modelMs[0] = (System.nanoTime() - t) / 1_000_000;
        };
        Runnable tessStage = () -> {
            long t = System.nanoTime();
            engine[0] = new TesseractEngine(new TesseractConfig(Path.of(tessdata), "eng"));
            tessMs[0] = (System.nanoTime() - t) / 1_000_000;
        };
        long initStart = System.nanoTime();
        if (parallel) {
            // Model reading (hashing included) and Tesseract start while the TF library is being loaded.
            CompletableFuture.allOf(CompletableFuture.runAsync(tfStage), CompletableFuture.runAsync(modelStage),
                    CompletableFuture.runAsync(tessStage)).join();
        } else {
            tfStage.run();
            modelStage.run();
            tessStage.run();
        }
        long initMs = (System.nanoTime() - initStart) / 1_000_000;
        GrayImage img = GrayImage.from(ImageIO.read(page.toFile()));
        long p0 = System.nanoTime();
        List<DetectedLine> lines = new CtpnDetector(loaded[0]).detect(img);
        long detectMs = (System.nanoTime() - p0) / 1_000_000;
        engine[0].recognizeLines(img, lines.stream().map(DetectedLine::box).toList());
        long firstPageMs = (System.nanoTime() - p0) / 1_000_000;
        // Warm = steady state: the median of repeated calls once JIT and TF have settled (up to WARM_RUNS calls
        // within WARM_BUDGET_NS, so the 275 MB model's ~40 s pages do not stretch the bench to an hour).
        CtpnDetector warm = new CtpnDetector(loaded[0]);
        long[] warmNs = new long[WARM_RUNS];
        int runs = 0;
        long budgetEnd = System.nanoTime() + WARM_BUDGET_NS;
        while (runs < WARM_RUNS && (runs == 0 || System.nanoTime() < budgetEnd)) {
            long p1 = System.nanoTime();
            warm.detect(img);
            warmNs[runs++] = System.nanoTime() - p1;
        }
        long[] measured = Arrays.copyOf(warmNs, runs);
        Arrays.sort(measured);
        double warmDetectMs = measured[runs / 2] / 1e6;
        out.put("architecture", loaded[0].manifest().architecture());
        out.put("modelBytes", loaded[0].manifest().totalBytes());
        out.put("tfNativeLoadMs", tfMs[0]);
        out.put("modelLoadMs", modelMs[0]);
        out.put("modelVerifyMs", loaded[0].timings().verify().toMillis());
        out.put("tesseractInitMs", tessMs[0]);
        out.put("initWallMs", initMs);
        out.put("firstPageDetectMs", detectMs);
        out.put("firstPageMs", firstPageMs);
        out.put("warmDetectMs", warmDetectMs);
        out.put("warmRuns", runs);
        out.put("lines", lines.size());
        out.put("pageSize", img.width() + "x" + img.height());
        out.put("totalSinceMainMs", (System.nanoTime() - mainStart) / 1_000_000);
        System.out.println(new ObjectMapper().writeValueAsString(out));
        engine[0].close();
        loaded[0].close();
        return 0;
    }

}
