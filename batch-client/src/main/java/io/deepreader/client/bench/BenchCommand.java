package io.deepreader.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.client.AwsClients;
import io.deepreader.client.ExitCodes;
import io.deepreader.client.Json;
import io.deepreader.client.Progress;
import io.deepreader.client.run.DocumentResult;
import io.deepreader.client.run.EfsStaging;
import io.deepreader.client.run.InputDocument;
import io.deepreader.client.run.LambdaTarget;
import io.deepreader.client.run.LocalTarget;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.EfsLayout;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Measures each target over the same documents: cold start, then warm response time (p50/p90/p99) and
 * pages/s for each parallelism and batch size, and the mean per-stage timings the pipeline records.
 * {@code local} runs the pipeline in this process (on-prem/EC2); {@code lambda} invokes the function through
 * the Invoke API (real Lambda or serve mode), where cold = the first invocation of a fresh environment.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark response time (p50/p90/p99) and throughput vs batch size and parallelism, "
                + "in-process (local) and through the Invoke API (lambda), over the same documents.",
                "Writes bench.csv, bench.json, PNG charts and a self-contained report.html."})
public final class BenchCommand implements Callable<Integer> {
    public enum Target { local, lambda }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILES")
    List<Path> inputs;

    @Option(names = "--target", split = ",", defaultValue = "local",
            description = "local, lambda or local,lambda (default: ${DEFAULT-VALUE})")
    List<Target> targets;

    @Option(names = "--pages", defaultValue = "4", description = "documents used (default: ${DEFAULT-VALUE})")
    int pages;

    @Option(names = "--workers", split = ",", defaultValue = "1,2",
            description = "local: documents in parallel, one cold start each (default: ${DEFAULT-VALUE})")
    List<Integer> workers;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,2",
            description = "lambda: requests in flight (default: ${DEFAULT-VALUE})")
    List<Integer> concurrency;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,2",
            description = "documents per batch / request (default: ${DEFAULT-VALUE})")
    List<Integer> batchSizes;

    @Option(names = "--out", defaultValue = "bench-report", description = "report folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--detector", defaultValue = "ctpn", description = "local: ctpn (needs --efs-root with a seeded "
            + "model, e.g. `make seed`'s) or opencv; match the function's DETECTOR for a fair comparison "
            + "(default: ${DEFAULT-VALUE})")
    String detector;

    @Option(names = "--model-version", description = "local: CTPN model version (default: EFS_ROOT/models/ctpn/current)")
    String modelVersion;

    @Option(names = "--tessdata", description = "local: tessdata folder")
    String tessdata;

    @Option(names = "--endpoint", description = "lambda: Invoke API endpoint, e.g. serve mode http://127.0.0.1:9001 (default: AWS)")
    URI endpoint;

    @Option(names = "--function", defaultValue = "deepreader-ocr", description = "lambda: function name (default: ${DEFAULT-VALUE})")
    String function;

    @Option(names = "--region", defaultValue = "us-east-1")
    String region;

    @Option(names = "--efs-root", description = "lambda: the function's EFS_ROOT as mounted here; inputs are staged "
            + "into it and stage timings read from it. local: the EFS root the pipeline runs on (its CTPN model, "
            + "outputs under jobs/bench-*; default: a temporary folder)")
    Path efsRoot;

    @Option(names = "--efs-prefix", description = "lambda: inputs already sit on EFS under this relative folder")
    String efsPrefix;

    @Option(names = "--timeout", defaultValue = "PT15M", description = "lambda: per-invoke timeout (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", description = "print the results as JSON on stdout")
    boolean json;

    /**
     * One measurement. {@code workers} is the parallelism: pipeline workers for local, requests in flight
     * for lambda. Percentiles are over documents of the response time of the request (local: the batch run)
     * that carried each one, nearest-rank.
     */
    public record Row(String target, String phase, int workers, int batchSize, int documents, int pages, int failed,
                      long wallMillis, double meanResponseMillis, long p50Millis, long p90Millis, long p99Millis,
                      double pagesPerSecond, double msPerPage) {
    }

    /** {@code textLayer}: PDF inputs read from their text layer against OCR, local only; null without such pages. */
    public record BenchResult(String target, String note, List<Row> rows, Map<String, Double> meanStageMillis,
                              Map<String, Map<String, Double>> stageMillisByTarget, TextLayerBench.Result textLayer) {
    }

    @Override
    public Integer call() throws Exception {
        if (targets.contains(Target.lambda) && (efsRoot == null) == (efsPrefix == null)) {
            throw new ParameterException(spec.commandLine(),
                    "--target lambda needs exactly one of --efs-root (stage inputs) or --efs-prefix (inputs already on EFS)");
        }
        if (workers.stream().anyMatch(w -> w < 1) || concurrency.stream().anyMatch(c -> c < 1)
                || batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new ParameterException(spec.commandLine(), "--workers, --concurrency and --batch-sizes must be at least 1");
        }
        if (targets.contains(Target.local) && detector.equals("ctpn") && (efsRoot == null
                || !Files.isDirectory(new EfsLayout(efsRoot).modelDir("ctpn")))) {
            throw new ParameterException(spec.commandLine(), "--target local with --detector ctpn needs --efs-root "
                    + "with a seeded model (make seed puts one in build/efs-demo), or --detector opencv");
        }
        List<InputDocument> docs = InputDocument.expand(inputs);
        docs = docs.subList(0, Math.min(pages, docs.size()));
        if (docs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no documents in " + inputs);
        }
        // One id per bench for every batch it runs: outputs already on an EFS root would be reused, not measured.
        String benchId = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<Row> rows = new ArrayList<>();
        Map<String, Map<String, Double>> stagesByTarget = new LinkedHashMap<>();
        TextLayerBench.Result textLayer = null;
        for (Target target : targets) {
            Map<String, double[]> stages = new TreeMap<>();
            switch (target) {
                case local -> {
                    benchLocal(benchId, docs, rows, stages);
                    List<InputDocument> pdfs = docs.stream().filter(TextLayerBench::isPdf).toList();
                    if (!pdfs.isEmpty()) {
                        Path efs = efsRoot != null ? efsRoot : Files.createTempDirectory("bench-efs");
                        textLayer = TextLayerBench.measure(efs, benchId + "-pdftext-", pdfs, tessdata, detector,
                                new FunctionConfig.Ctpn(modelVersion, 0, Optional.empty()), quiet(pdfs.size()));
                    }
                }
                case lambda -> {
                    if (!benchLambda(benchId, docs, rows, stages)) {
                        spec.commandLine().getErr().println("error: no answer from function " + function + " at "
                                + (endpoint == null ? "AWS" : endpoint));
                        return ExitCodes.UNAVAILABLE;
                    }
                }
            }
            Map<String, Double> mean = new TreeMap<>();
            stages.forEach((k, v) -> mean.put(k, Math.round(v[0] / v[1] * 10) / 10.0));
            stagesByTarget.put(target.name(), mean);
        }
        Map<String, Double> firstStages = stagesByTarget.values().stream().filter(m -> !m.isEmpty()).findFirst()
                .orElse(Map.of());
        String note = "measured on this machine (" + Runtime.getRuntime().availableProcessors() + " cores)"
                + (targets.contains(Target.local) ? "; local: detector " + detector : "")
                + (targets.contains(Target.lambda) ? "; lambda: function " + function + " at "
                + (endpoint == null ? "AWS" : endpoint) : "");
        BenchResult result = new BenchResult(String.join(",", targets.stream().map(Enum::name).toList()), note, rows,
                firstStages, stagesByTarget, textLayer);
        new BenchReport(out).write(result);
        var stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(Json.mapper().writeValueAsString(result));
        } else {
            stdout.println(BenchReport.CSV_HEADER);
            rows.forEach(r -> stdout.println(BenchReport.csv(r)));
            stagesByTarget.forEach((t, m) -> stdout.println("stages(ms/page) " + t + "=" + m));
            if (textLayer != null) {
                stdout.println(textLayer.line());
            }
            stdout.println("report: " + out.resolve("report.html"));
        }
        stdout.flush();
        return rows.stream().anyMatch(r -> r.failed() > 0) ? ExitCodes.DOCUMENTS_FAILED : ExitCodes.OK;
    }

    private void benchLocal(String benchId, List<InputDocument> docs, List<Row> rows, Map<String, double[]> stages)
            throws Exception {
        Path efs = efsRoot != null ? efsRoot : Files.createTempDirectory("bench-efs");
        String prefix = benchId + "-local-";
        FunctionConfig.Ctpn ctpn = new FunctionConfig.Ctpn(modelVersion, 0, Optional.empty());
        int run = 0;
        for (int w : workers) {
            long coldStart = System.nanoTime();
            FunctionConfig config = LocalTarget.config(efs, tessdata, w, detector, false, ctpn);
            try (LocalTarget local = new LocalTarget(new FunctionEnvironment(config))) {
                List<DocumentResult> first = local.run(prefix + "cold-w" + w, docs.subList(0, 1), quiet(1));
                long coldMillis = Math.round((System.nanoTime() - coldStart) / 1e6);
                // The cold request's response time includes the environment's init, as Lambda's would.
                rows.add(row("local", "cold", w, 1, List.of(first.get(0).withRequestMillis(coldMillis)), coldMillis));
                for (int size : batchSizes) {
                    String batch = prefix + "warm-w" + w + "-b" + size + "-" + run++;
                    long start = System.nanoTime();
                    List<DocumentResult> all = new ArrayList<>();
                    for (int i = 0; i < docs.size(); i += size) {
                        all.addAll(local.run(batch, docs.subList(i, Math.min(docs.size(), i + size)), quiet(size)));
                    }
                    rows.add(row("local", "warm", w, size, all, Math.round((System.nanoTime() - start) / 1e6)));
                    collectStages(new EfsLayout(efs), batch, all, stages);
                }
            }
        }
    }

    /** @return false when the function never answered (nothing to measure) */
    private boolean benchLambda(String benchId, List<InputDocument> docs, List<Row> rows, Map<String, double[]> stages)
            throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        docs.forEach(d -> files.put(d.docId(), d.path().toString()));
        Map<String, String> efsPaths = efsRoot != null ? EfsStaging.stage(efsRoot, benchId, docs)
                : EfsStaging.existing(efsPrefix, docs);
        LambdaTarget.DocumentLocator locator = EfsStaging.locator(efsPaths);
        List<String> ids = new ArrayList<>(files.keySet());
        try (LambdaClient client = AwsClients.lambda(endpoint, region, timeout)) {
            // Cold: the first invocation this bench makes; it starts an environment only if none is warm
            // (a freshly started serve mode, or a function just deployed).
            String coldBatch = benchId + "-cold";
            List<DocumentResult> first = target(client, 1, 1).run(coldBatch, ids.subList(0, 1), files, locator, quiet(1));
            if (LambdaTarget.unavailable(first)) {
                return false;
            }
            rows.add(row("lambda", "cold", 1, 1, first, first.get(0).requestMillis()));
            collectStages(efsRoot, coldBatch, first, stages);
            int run = 0;
            for (int c : concurrency) {
                for (int size : batchSizes) {
                    String batch = benchId + "-c" + c + "-b" + size + "-" + run++;
                    long start = System.nanoTime();
                    List<DocumentResult> all = target(client, c, size).run(batch, ids, files, locator, quiet(ids.size()));
                    rows.add(row("lambda", "warm", c, size, all, Math.round((System.nanoTime() - start) / 1e6)));
                    collectStages(efsRoot, batch, all, stages);
                }
            }
        }
        return true;
    }

    private LambdaTarget target(LambdaClient client, int inFlight, int batchSize) {
        return new LambdaTarget(client, new LambdaTarget.Settings(function, inFlight, batchSize, 3, Duration.ofMillis(200)));
    }

    private Progress quiet(int n) {
        return new Progress(spec.commandLine().getErr(), "bench", n, false);
    }

    static Row row(String target, String phase, int workers, int batchSize, List<DocumentResult> results, long wall) {
        int pages = results.stream().mapToInt(DocumentResult::pages).sum();
        int failed = (int) results.stream().filter(r -> !r.ok()).count();
        double meanResponse = results.stream().mapToLong(DocumentResult::requestMillis).average().orElse(0);
        long[] sorted = results.stream().mapToLong(DocumentResult::requestMillis).sorted().toArray();
        return new Row(target, phase, workers, batchSize, results.size(), pages, failed, wall,
                Math.round(meanResponse * 10) / 10.0, BenchPercentiles.of(sorted, 50), BenchPercentiles.of(sorted, 90),
                BenchPercentiles.of(sorted, 99), Math.round(pages * 1000.0 / Math.max(1, wall) * 100) / 100.0,
                Math.round(wall / (double) Math.max(1, pages) * 10) / 10.0);
    }

    private static void collectStages(Path efs, String batch, List<DocumentResult> results,
                                      Map<String, double[]> stages) throws java.io.IOException {
        if (efs != null) {
            collectStages(new EfsLayout(efs), batch, results, stages);
        }
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
