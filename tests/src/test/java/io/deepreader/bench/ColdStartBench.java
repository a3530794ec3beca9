package io.deepreader.bench;

import io.deepreader.e2e.ProcessModeFunctions;
import io.deepreader.e2e.ProcessModeFunctions.Report;
import io.deepreader.efs.frameworks.FrameworkBundle;
import io.deepreader.efs.seed.DirectorySource;
import io.deepreader.efs.seed.EfsSeeder;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.eval.SroieReceipt;
import io.deepreader.ocr.result.ResultJson;
import io.deepreader.serve.EnvironmentLauncher;
import io.deepreader.serve.JvmLauncher;
import io.deepreader.serve.LambdaInvokeServer;
import io.deepreader.serve.ProcessDeployment;
import io.deepreader.serve.ServedFunction;
import io.deepreader.serve.ServerConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Issue 15 part 4, zip leg: cold starts of the OCR function measured where they happen, in fresh process-mode
 * execution environments (the shaded {@code -lambda} jar in a child JVM under the runtime interface client,
 * started by serve mode as Lambda's java runtime starts it), with and without an AppCDS archive.
 *
 * <p>Per cold start: Init Duration from serve mode's REPORT line; its parts from the function's own
 * {@code environment ready} log line (jvmStartMs = process start to the environment's constructor,
 * tfNativeMs, modelLoadMs/modelVerifyMs, tesseractInitMs; TF natives, model and Tesseract load side by side,
 * so the parts overlap and do not add up); first-page latency = the REPORT Duration of the first invocation
 * (one receipt); the child's /proc/PID/io after it. Then warm p50/p90 of one-receipt invocations in the same
 * environment. A benchmark, not a test: it prints numbers and ratios, it asserts nothing on time.
 *
 * <p>Run: {@code make bench-cold} (see docs/deploy.md, "Cold start"). Options: {@code --starts N} (cold starts per
 * variant, default 3), {@code --warm N} (warm invocations, default 8), {@code --detector ctpn|opencv},
 * {@code --tf-native-jar JAR}.
 */
public final class ColdStartBench {
    private static final Path SROIE = Path.of(System.getProperty("shared.dir", "../../shared"), "data", "sroie-dev");
    private static final Path SHIPPED_MODELS = Path.of("..", "models", "ctpn");
    private static final Path WORK = Path.of("target", "cold-bench");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"?(-?\\d+)");
    private static final int MEMORY_MB = 3008;

    private ColdStartBench() {
    }

    /** The launcher serve mode uses, keeping each child it starts so the bench can read its /proc and stop it. */
    record RecordingLauncher(EnvironmentLauncher inner, List<Process> launched) implements EnvironmentLauncher {
        @Override
        public Process launch(Map<String, String> environment, String runtimeApi) throws IOException {
            Process p = inner.launch(environment, runtimeApi);
            launched.add(p);
            return p;
        }
    }

    /** One fresh environment: its cold start and warm invocations. */
    record ColdStart(double initMs, Map<String, Long> parts, double firstPageMs, long rchar, long readBytes,
                     List<Double> warmMs, long maxMemoryMb) {
    }

    public static void main(String[] args) throws Exception {
        int starts = 3;
        int warm = 8;
        String detector = "ctpn";
        Optional<Path> tfJar = Optional.empty();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--starts" -> starts = Integer.parseInt(args[i + 1]);
                case "--warm" -> warm = Integer.parseInt(args[i + 1]);
                case "--detector" -> detector = args[i + 1];
                case "--tf-native-jar" -> tfJar = Optional.of(Path.of(args[i + 1])).filter(p -> !p.toString().isBlank());
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--starts N --warm N --detector ctpn|opencv --tf-native-jar JAR)");
            }
        }
        Files.createDirectories(WORK);
        System.out.println("load average at the start: " + Files.readString(Path.of("/proc/loadavg")).strip()
                + " (" + Runtime.getRuntime().availableProcessors() + " cores)");
        Path efs = WORK.resolve("efs").toAbsolutePath();
        Map<String, String> env = new HashMap<>(Map.of("EFS_ROOT", efs.toString(), "OCR_WORKERS", "1"));
        detector = seed(efs, detector, tfJar.or(ColdStartBench::tfNativeJarOnClassPath), env);
        env.put("DETECTOR", detector);

        List<SroieReceipt> receipts = SroieReceipt.loadRange(SROIE, 300, 300 + 1 + warm);
        Files.createDirectories(efs.resolve("inbox"));
        for (SroieReceipt r : receipts) {
            Path target = efs.resolve("inbox/" + r.id() + ".jpg");
            if (!Files.exists(target)) {
                Files.copy(r.image(), target);
            }
        }

        // AppCDS, AWS's advice for Java cold starts: a training run dumps the classes it loaded at exit
        // (a dynamic archive on top of the JDK's default CDS), later starts map them instead of parsing jars.
        Path archive = WORK.resolve("ocr-function.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        long t0 = System.nanoTime();
        ColdStart training = coldStart(List.of("-XX:ArchiveClassesAtExit=" + archive), env, receipts.subList(0, 2), true);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the training run wrote no AppCDS archive at " + archive);
        }
        System.out.printf("AppCDS training run: Init Duration %.0f ms, archive %.1f MB in %.1f s%n",
                training.initMs(), Files.size(archive) / 1e6, (System.nanoTime() - t0) / 1e9);

        Map<String, List<ColdStart>> results = new LinkedHashMap<>();
        results.put("zip", new ArrayList<>());
        results.put("zip + AppCDS", new ArrayList<>());
        for (int s = 0; s < starts; s++) {
            // Interleaved, so drift on this shared machine hits both variants alike.
            results.get("zip").add(coldStart(List.of(), env, receipts, false));
            results.get("zip + AppCDS").add(coldStart(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"),
                    env, receipts, false));
            System.out.printf("cold start %d/%d done%n", s + 1, starts);
        }
        print(detector, starts, warm, results);

        // Not timed: one more AppCDS start with class-load logging, to show where the classes came from.
        Path classLog = WORK.resolve("class-load.log").toAbsolutePath();
        Files.deleteIfExists(classLog);
        coldStart(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:class+load=info:file=" + classLog),
                env, receipts.subList(0, 1), false);
        List<String> loaded = Files.readAllLines(classLog).stream().filter(l -> l.contains(" source: ")).toList();
        long shared = loaded.stream().filter(l -> l.contains("shared objects file")).count();
        long functionClasses = loaded.stream().filter(l -> l.contains("io.deepreader.")).count();
        long functionShared = loaded.stream().filter(l -> l.contains("io.deepreader.") && l.contains("shared objects file")).count();
        System.out.printf("AppCDS check (class+load log of one more start): %d of %d classes loaded from the archives "
                + "(JDK default + dynamic), io.deepreader.* %d of %d%n", shared, loaded.size(), functionShared, functionClasses);
        System.out.println("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static Optional<Path> tfNativeJarOnClassPath() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.matches(".*tensorflow-core-native-[^/]*-linux-x86_64\\.jar")) {
                return Optional.of(Path.of(entry));
            }
        }
        return Optional.empty();
    }

    /** Seeds the EFS root as {@code make seed} does; returns the detector the bench can run. */
    private static String seed(Path efs, String detector, Optional<Path> tfJar, Map<String, String> env) throws IOException {
        if (!detector.equals("ctpn")) {
            return detector;
        }
        String version = Files.readString(SHIPPED_MODELS.resolve("current")).strip();
        if (tfJar.isEmpty() || !Files.isRegularFile(tfJar.get())) {
            System.out.println("SKIPPED CTPN: no tensorflow-core-native linux-x86_64 jar (pass --tf-native-jar); "
                    + "measuring the OpenCV detector instead");
            return "opencv";
        }
        EfsSeeder seeder = new EfsSeeder(new EfsLayout(efs));
        seeder.seed(new DirectorySource(SHIPPED_MODELS.resolve(version)), "models/ctpn/" + version, "models/ctpn/current");
        String tfVersion = tfJar.get().getFileName().toString().replaceAll("tensorflow-core-native-(.*)-linux-x86_64\\.jar", "$1");
        Path bundle = WORK.resolve("tensorflow-" + tfVersion);
        if (!Files.isDirectory(bundle)) {
            Path temp = WORK.resolve("tensorflow-" + tfVersion + ".tmp");
            deleteTree(temp);
            FrameworkBundle.fromTensorFlowNativeJar(tfJar.get(), tfVersion, temp);
            Files.move(temp, bundle);
        }
        seeder.seed(new DirectorySource(bundle), "frameworks/tensorflow-" + tfVersion, null);
        env.put("TF_FRAMEWORK_DIR", efs.resolve("frameworks/tensorflow-" + tfVersion).toString());
        System.out.printf("EFS root %s: CTPN model %s, TensorFlow %s natives (seeded as make seed does)%n", efs, version, tfVersion);
        return "ctpn";
    }

    private static ColdStart coldStart(List<String> jvmOptions, Map<String, String> env, List<SroieReceipt> receipts,
                                       boolean training) throws Exception {
        JvmLauncher base = JvmLauncher.of(ProcessModeFunctions.runtimeDir(), List.of());
        List<String> options = new ArrayList<>(base.jvmOptions());
        options.addAll(jvmOptions);
        List<Process> launched = new CopyOnWriteArrayList<>();
        RecordingLauncher launcher = new RecordingLauncher(new JvmLauncher(base.java(), base.classPath(), options), launched);
        Map<String, String> environment = new HashMap<>(env);
        environment.put("OMP_THREAD_LIMIT", "1");
        environment.put("TF_CPP_MIN_LOG_LEVEL", "1");
        ServedFunction function = ServedFunction.process("ocr", ProcessDeployment.of(ProcessModeFunctions.OCR_HANDLER,
                        List.of(ProcessModeFunctions.ocrJar()), launcher).withEnvironment(environment))
                .withTimeout(Duration.ofSeconds(300)).withMemoryMb(MEMORY_MB).withReservedConcurrency(1);
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(function)));
             LambdaClient client = ProcessModeFunctions.client(server)) {
            Invocation first = invoke(client, receipts.get(0));
            if (!first.report().coldStart()) {
                throw new IllegalStateException("the first invocation of a fresh server was not a cold start");
            }
            Process child = launched.get(0);
            long[] io = procIo(child.pid());
            List<Double> warmMs = new ArrayList<>();
            long maxMemory = first.report().maxMemoryUsedMb();
            for (SroieReceipt r : receipts.subList(1, receipts.size())) {
                Invocation w = invoke(client, r);
                if (w.report().coldStart()) {
                    throw new IllegalStateException("a warm invocation got a new environment: " + w.report());
                }
                warmMs.add(w.report().durationMillis());
                maxMemory = Math.max(maxMemory, w.report().maxMemoryUsedMb());
            }
            if (training) {
                // SIGTERM, not serve mode's SIGKILL: the JVM writes -XX:ArchiveClassesAtExit on a normal exit.
                child.destroy();
                if (!child.waitFor(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the training JVM did not exit within 120 s of SIGTERM");
                }
            }
            return new ColdStart(first.report().initMillis(), parts(first.tail()), first.report().durationMillis(),
                    io[0], io[1], warmMs, maxMemory);
        }
    }

    record Invocation(Report report, String tail) {
    }

    private static Invocation invoke(LambdaClient client, SroieReceipt r) throws IOException {
        String request = ResultJson.mapper().writeValueAsString(Map.of("batchId", "cold",
                "documents", List.of(Map.of("docId", "r" + r.id() + "-" + System.nanoTime(), "efsPath", "inbox/" + r.id() + ".jpg"))));
        InvokeResponse response = client.invoke(b -> b.functionName("ocr").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(request)));
        if (response.functionError() != null) {
            throw new IllegalStateException("invocation failed: " + response.payload().asUtf8String());
        }
        if (!ResultJson.mapper().readTree(response.payload().asByteArray()).path("ok").asText().equals("1")) {
            throw new IllegalStateException("receipt " + r.id() + " not OCRed: " + response.payload().asUtf8String());
        }
        String tail = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        Report report = ProcessModeFunctions.report(response.logResult())
                .orElseThrow(() -> new IllegalStateException("no REPORT line in " + tail));
        return new Invocation(report, tail);
    }

    /** The numeric fields of the function's {@code environment ready} line (empty when the tail cut it off). */
    static Map<String, Long> parts(String tail) {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String line : tail.split("\n")) {
            if (line.contains("environment ready")) {
                Matcher m = FIELD.matcher(line);
                while (m.find()) {
                    parts.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
        }
        return parts;
    }

    /** rchar (bytes the child read with read(2), page cache or not) and read_bytes (from the block device). */
    private static long[] procIo(long pid) {
        long rchar = -1;
        long readBytes = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("rchar:")) {
                    rchar = Long.parseLong(line.substring(6).strip());
                } else if (line.startsWith("read_bytes:")) {
                    readBytes = Long.parseLong(line.substring(11).strip());
                }
            }
        } catch (IOException e) {
            System.out.println("no /proc/" + pid + "/io here (" + e.getMessage() + "): bytes read not measured");
        }
        return new long[] {rchar, readBytes};
    }

    private static void print(String detector, int starts, int warm, Map<String, List<ColdStart>> results) {
        String[] keys = {"jvmStartMs", "tfNativeMs", "modelLoadMs", "modelVerifyMs", "tesseractInitMs", "initMs"};
        System.out.printf("%nCold start of the OCR function (%s detector), %d fresh process-mode environments per variant, "
                + "%d MB, medians; warm = %d one-receipt invocations each%n", detector, starts, MEMORY_MB, warm);
        System.out.println("| | " + String.join(" | ", results.keySet()) + " | ratio |");
        System.out.println("|---|" + "---|".repeat(results.size() + 1));
        List<String> variants = new ArrayList<>(results.keySet());
        row("Init Duration (REPORT), ms", variants, results, c -> c.initMs());
        for (String key : keys) {
            row("  " + key + " (function log)", variants, results, c -> c.parts().getOrDefault(key, -1L).doubleValue());
        }
        row("first page (REPORT Duration), ms", variants, results, ColdStart::firstPageMs);
        row("warm p50, ms", variants, results, c -> percentile(c.warmMs(), 0.5));
        row("warm p90, ms", variants, results, c -> percentile(c.warmMs(), 0.9));
        row("  model bytes read by the loader (manifest), MB", variants, results,
                c -> c.parts().getOrDefault("modelBytes", -1L) / 1e6);
        row("child rchar after first page (all files, read(2)), MB", variants, results, c -> c.rchar() / 1e6);
        row("child read_bytes after first page (from disk, not page cache), MB", variants, results, c -> c.readBytes() / 1e6);
        row("Max Memory Used, MB", variants, results, c -> (double) c.maxMemoryMb());
    }

    private static void row(String name, List<String> variants, Map<String, List<ColdStart>> results,
                            java.util.function.ToDoubleFunction<ColdStart> value) {
        List<Double> medians = new ArrayList<>();
        StringBuilder line = new StringBuilder("| " + name + " |");
        for (String v : variants) {
            double m = percentile(results.get(v).stream().map(value::applyAsDouble).toList(), 0.5);
            medians.add(m);
            line.append(String.format(Math.abs(m) < 100 ? " %.1f |" : " %.0f |", m));
        }
        double base = medians.get(0);
        line.append(base >= 0.05 && medians.get(1) >= 0 ? String.format(" %.2f |", medians.get(1) / base) : " - |");
        System.out.println(line);
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
