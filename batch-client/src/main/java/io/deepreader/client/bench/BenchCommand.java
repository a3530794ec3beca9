package io.deepreader.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.client.ExitCodes;
import io.deepreader.client.Json;
import io.deepreader.client.Progress;
import io.deepreader.client.run.DocumentResult;
import io.deepreader.client.run.InputDocument;
import io.deepreader.client.run.LocalTarget;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.EfsLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Measures the local target: cold start (environment init + first document), then warm response time
 * and pages/s for each (workers, batch size), and the mean per-stage timings the pipeline records.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark response time and throughput vs batch size and workers; writes CSV, JSON, PNG and HTML.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILES")
    List<Path> inputs;

    @Option(names = "--pages", defaultValue = "4", description = "documents used (default: ${DEFAULT-VALUE})")
    int pages;

    @Option(names = "--workers", split = ",", defaultValue = "1,2")
    List<Integer> workers;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,2")
    List<Integer> batchSizes;

    @Option(names = "--out", defaultValue = "bench-report", description = "report folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--tessdata")
    String tessdata;

    @Option(names = "--json", description = "print the results as JSON on stdout")
    boolean json;

    public record Row(String phase, int workers, int batchSize, int documents, int pages, long wallMillis,
                      double meanResponseMillis, double pagesPerSecond, double msPerPage) {
    }

    public record BenchResult(String target, String note, List<Row> rows, Map<String, Double> meanStageMillis) {
    }

    @Override
    public Integer call() throws Exception {
        List<InputDocument> docs = InputDocument.expand(inputs);
        docs = docs.subList(0, Math.min(pages, docs.size()));
        Path efs = Files.createTempDirectory("bench-efs");
        List<Row> rows = new ArrayList<>();
        Map<String, double[]> stages = new TreeMap<>();
        int run = 0;
        for (int w : workers) {
            long coldStart = System.nanoTime();
            try (LocalTarget local = new LocalTarget(new FunctionEnvironment(LocalTarget.config(efs, tessdata, w, "opencv")))) {
                List<DocumentResult> first = local.run("cold-w" + w, docs.subList(0, 1), quiet(1));
                rows.add(row("cold", w, 1, first, Math.round((System.nanoTime() - coldStart) / 1e6)));
                for (int size : batchSizes) {
                    String batch = "warm-w" + w + "-b" + size + "-" + run++;
                    long start = System.nanoTime();
                    List<DocumentResult> all = new ArrayList<>();
                    for (int i = 0; i < docs.size(); i += size) {
                        all.addAll(local.run(batch, docs.subList(i, Math.min(docs.size(), i + size)), quiet(size)));
                    }
                    rows.add(row("warm", w, size, all, Math.round((System.nanoTime() - start) / 1e6)));
                    collectStages(new EfsLayout(efs), batch, all, stages);
                }
            }
        }
        Map<String, Double> meanStages = new TreeMap<>();
        stages.forEach((k, v) -> meanStages.put(k, Math.round(v[0] / v[1] * 10) / 10.0));
        BenchResult result = new BenchResult("local", "measured on this machine ("
                + Runtime.getRuntime().availableProcessors() + " cores)", rows, meanStages);
        new BenchReport(out).write(result);
        var stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(Json.mapper().writeValueAsString(result));
        } else {
            stdout.println("phase,workers,batchSize,documents,pages,wallMs,meanResponseMs,pagesPerSecond,msPerPage");
            rows.forEach(r -> stdout.println(BenchReport.csv(r)));
            stdout.println("stages(ms/page)=" + meanStages);
            stdout.println("report: " + out.resolve("report.html"));
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private Progress quiet(int n) {
        return new Progress(spec.commandLine().getErr(), "bench", n, false);
    }

    private static Row row(String phase, int workers, int batchSize, List<DocumentResult> results, long wall) {
        int pages = results.stream().mapToInt(DocumentResult::pages).sum();
        double meanResponse = results.stream().mapToLong(DocumentResult::millis).average().orElse(0);
        return new Row(phase, workers, batchSize, results.size(), pages, wall, Math.round(meanResponse * 10) / 10.0,
                Math.round(pages * 1000.0 / Math.max(1, wall) * 100) / 100.0,
                Math.round(wall / (double) Math.max(1, pages) * 10) / 10.0);
    }

    private static void collectStages(EfsLayout layout, String batch, List<DocumentResult> results,
                                      Map<String, double[]> stages) throws java.io.IOException {
        for (DocumentResult r : results) {
            for (int page = 1; page <= r.pages(); page++) {
                Path ocr = layout.ocrJson(batch, r.docId(), page);
                if (!Files.exists(ocr)) {
                    continue;
                }
                JsonNode timings = Json.mapper().readTree(ocr.toFile()).path("timingsMs");
                timings.fields().forEachRemaining(e -> {
                    double[] acc = stages.computeIfAbsent(e.getKey(), k -> new double[2]);
                    acc[0] += e.getValue().asDouble();
                    acc[1] += 1;
                });
            }
        }
    }

    static void writeAtomically(Path file, byte[] bytes) throws java.io.IOException {
        AtomicFiles.writeBytes(file, bytes);
    }
}
