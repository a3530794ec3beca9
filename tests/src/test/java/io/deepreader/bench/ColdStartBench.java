package io.deepreader.bench;

import io.deepreader.e2e.ProcessModeFunctions;
import io.deepreader.e2e.ProcessModeFunctions.Report;
import io.deepreader.efs.frameworks.FrameworkBundle;
import io.deepreader.efs.seed.DirectorySource;
import io.deepreader.efs.seed.EfsSeeder;
import io.deepreader.image.RootfsLauncher;
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
 * Issue 15 part 4: cold starts of the OCR function measured where they happen, in fresh process-mode execution
 * environments, for both packagings, with and without an AppCDS archive: <b>zip</b> (the shaded {@code -lambda}
 * jar in a child JVM under the runtime interface client, started by serve mode as Lambda's java runtime starts
 * it, TensorFlow's natives on the EFS folder) and <b>image</b> (the container image's own root file system,
 * unpacked by {@code make image-bundle}, under {@link RootfsLauncher}: its ENTRYPOINT, Debian's JRE and
 * libtesseract, TensorFlow's natives inside the image; needs root). The image leg is skipped, saying why,
 * when there is no unpacked image or no root.
 *
 * <p>Per cold start: Init Duration from serve mode's REPORT line; its parts from the function's own
 * {@code environment ready} log line (jvmStartMs = process start to the environment's constructor,
 * tfNativeMs, modelLoadMs/modelVerifyMs, tesseractInitMs; TF natives, model and Tesseract load side by side,
 * so the parts overlap and do not add up); first-page latency = the REPORT Duration of the first invocation
 * (one receipt); the child's /proc/PID/io after it. Then warm p50/p90 of one-receipt invocations in the same
 * environment. Bytes read from the EFS root: the page cache is dropped before every start (root only), and after
 * the first page {@code fincore} counts the resident bytes of the files under the EFS root's {@code models/} and
 * {@code frameworks/}: what init and the first page paged in from "EFS", read(2) and mmap alike. A benchmark,
 * not a test: it prints numbers and ratios, it asserts nothing on time.
 *
 * <p>Run: {@code make bench-cold} (see docs/deploy.md, "Cold start"). Options: {@code --starts N} (cold starts per
 * variant, default 3), {@code --warm N} (warm invocations, default 8), {@code --detector ctpn|opencv},
 * {@code --tf-native-jar JAR}, {@code --image BUNDLE} (default {@code ../function-image/target/bundle}),
 * {@code --drop-caches true|false} (default true as root).
 */
public final class ColdStartBench {
    private static final Path SROIE = Path.of(System.getProperty("shared.dir", "../../shared"), "data", "sroie-dev");
    private static final Path SHIPPED_MODELS = Path.of("..", "models", "ctpn");
    private static final Path WORK = Path.of("target", "cold-bench");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"?(-?\\d+)");
    private static final int MEMORY_MB = 3008;
    /** Where the image variant keeps its AppCDS archive: the EFS mount is the only writable path that outlives a start. */
    private static final String IMAGE_CDS_DIR = ".cds";

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
                     long efsBytes, List<Double> warmMs, long maxMemoryMb) {
    }

    /**
     * How a fresh environment is started. {@code jvmOptions} reach the JVM as command-line options (zip: serve
     * mode's JvmLauncher) or through {@code JAVA_TOOL_OPTIONS} (image: the ENTRYPOINT is the image's own, as on
     * Lambda, where a function sets JAVA_TOOL_OPTIONS to pass JVM flags).
     */
    sealed interface Packaging {
        String name();

        ProcessDeployment deployment(List<String> jvmOptions, Map<String, String> env, List<Process> launched) throws IOException;

        /** The archive path the JVM is given, and the host path where it ends up. */
        String archiveForJvm();

        Path archiveOnHost();
    }

    record Zip(Path archive) implements Packaging {
        public String name() {
            return "zip";
        }

        public ProcessDeployment deployment(List<String> jvmOptions, Map<String, String> env, List<Process> launched) {
            JvmLauncher base = JvmLauncher.of(ProcessModeFunctions.runtimeDir(), List.of());
            List<String> options = new ArrayList<>(base.jvmOptions());
            options.addAll(jvmOptions);
            RecordingLauncher launcher = new RecordingLauncher(new JvmLauncher(base.java(), base.classPath(), options), launched);
            return ProcessDeployment.of(ProcessModeFunctions.OCR_HANDLER, List.of(ProcessModeFunctions.ocrJar()), launcher)
                    .withEnvironment(env);
        }

        public String archiveForJvm() {
            return archive.toString();
        }

        public Path archiveOnHost() {
            return archive;
        }
    }

    record Image(Path bundle, Path efs) implements Packaging {
        public String name() {
            return "image";
        }

        public ProcessDeployment deployment(List<String> jvmOptions, Map<String, String> env, List<Process> launched)
                throws IOException {
            // Before every start: the zip variants run as root and leave root-owned outputs (locks, jobs) behind.
            ownBySandboxUser(efs);
            Map<String, String> environment = new HashMap<>(env);
            // The image has its own TensorFlow natives (/opt/tensorflow-1.1.0, set in the image's environment).
            environment.remove("TF_FRAMEWORK_DIR");
            if (!jvmOptions.isEmpty()) {
                environment.put("JAVA_TOOL_OPTIONS", String.join(" ", jvmOptions));
            }
            RecordingLauncher launcher = new RecordingLauncher(new RootfsLauncher(bundle, efs, RootfsLauncher.LAMBDA_USER), launched);
            // No artifacts: the function jar is the image's own /var/task/lib.
            return ProcessDeployment.of(ProcessModeFunctions.OCR_HANDLER, List.of(), launcher).withEnvironment(environment);
        }

        public String archiveForJvm() {
            return RootfsLauncher.EFS_MOUNT + "/" + IMAGE_CDS_DIR + "/ocr-function-image.jsa";
        }

        public Path archiveOnHost() {
            return efs.resolve(IMAGE_CDS_DIR).resolve("ocr-function-image.jsa");
        }
    }

    public static void main(String[] args) throws Exception {
        int starts = 3;
        int warm = 8;
        String detector = "ctpn";
        Optional<Path> tfJar = Optional.empty();
        Path bundle = Path.of("..", "function-image", "target", "bundle");
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean dropCaches = root;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--starts" -> starts = Integer.parseInt(args[i + 1]);
                case "--warm" -> warm = Integer.parseInt(args[i + 1]);
                case "--detector" -> detector = args[i + 1];
                case "--tf-native-jar" -> tfJar = Optional.of(Path.of(args[i + 1])).filter(p -> !p.toString().isBlank());
                case "--image" -> bundle = Path.of(args[i + 1]);
                case "--drop-caches" -> dropCaches = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--starts N --warm N --detector ctpn|opencv --tf-native-jar JAR --image BUNDLE --drop-caches true|false)");
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

        List<Packaging> packagings = new ArrayList<>();
        packagings.add(new Zip(WORK.resolve("ocr-function.jsa").toAbsolutePath()));
        Optional<String> imageSkipped = imageSkipReason(bundle, root);
        if (imageSkipped.isPresent()) {
            System.out.println("SKIPPED image leg: " + imageSkipped.get());
        } else {
            System.out.println("image leg: unpacked image at " + bundle.toAbsolutePath().normalize());
            packagings.add(new Image(bundle.toAbsolutePath().normalize(), efs));
        }
        if (dropCaches && !Files.isWritable(Path.of("/proc/sys/vm/drop_caches"))) {
            System.out.println("page cache not dropped: /proc/sys/vm/drop_caches is not writable here (needs root)");
            dropCaches = false;
        }
        System.out.println(dropCaches
                ? "page cache dropped before every start (sync; drop_caches=3): cold starts read from disk, as a fresh host would"
                : "page cache NOT dropped before starts: EFS bytes read are not measured (shown as -1)");
        CacheControl cache = new CacheControl(dropCaches, efs);

        // AppCDS, AWS's advice for Java cold starts: a training run dumps the classes it loaded at exit
        // (a dynamic archive on top of the JDK's default CDS), later starts map them instead of parsing jars.
        for (Packaging packaging : packagings) {
            Path archive = packaging.archiveOnHost();
            // The image's archive folder is under the EFS root, which Image.deployment hands to the sandbox user.
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(archive);
            long t0 = System.nanoTime();
            ColdStart training = coldStart(packaging, List.of("-XX:ArchiveClassesAtExit=" + packaging.archiveForJvm()),
                    env, receipts.subList(0, 2), true, cache);
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the " + packaging.name() + " training run wrote no AppCDS archive at " + archive);
            }
            System.out.printf("AppCDS training run (%s): Init Duration %.0f ms, archive %.1f MB in %.1f s%n",
                    packaging.name(), training.initMs(), Files.size(archive) / 1e6, (System.nanoTime() - t0) / 1e9);
        }

        Map<String, List<ColdStart>> results = new LinkedHashMap<>();
        for (Packaging packaging : packagings) {
            results.put(packaging.name(), new ArrayList<>());
            results.put(packaging.name() + " + AppCDS", new ArrayList<>());
        }
        for (int s = 0; s < starts; s++) {
            // Interleaved, so drift on this shared machine hits every variant alike.
            for (Packaging packaging : packagings) {
                results.get(packaging.name()).add(coldStart(packaging, List.of(), env, receipts, false, cache));
                results.get(packaging.name() + " + AppCDS").add(coldStart(packaging,
                        List.of("-XX:SharedArchiveFile=" + packaging.archiveForJvm(), "-Xshare:auto"), env, receipts, false, cache));
            }
            System.out.printf("cold start %d/%d done%n", s + 1, starts);
        }
        print(detector, starts, warm, results);
        printSizes(packagings, efs);

        // Not timed: one more AppCDS start with class-load logging, to show where the classes came from.
        Path classLog = WORK.resolve("class-load.log").toAbsolutePath();
        Files.deleteIfExists(classLog);
        Packaging zip = packagings.get(0);
        coldStart(zip, List.of("-XX:SharedArchiveFile=" + zip.archiveForJvm(), "-Xshare:auto", "-Xlog:class+load=info:file=" + classLog),
                env, receipts.subList(0, 1), false, new CacheControl(false, efs));
        List<String> loaded = Files.readAllLines(classLog).stream().filter(l -> l.contains(" source: ")).toList();
        long shared = loaded.stream().filter(l -> l.contains("shared objects file")).count();
        long functionClasses = loaded.stream().filter(l -> l.contains("io.deepreader.")).count();
        long functionShared = loaded.stream().filter(l -> l.contains("io.deepreader.") && l.contains("shared objects file")).count();
        System.out.printf("AppCDS check (class+load log of one more zip start): %d of %d classes loaded from the archives "
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

    private static ColdStart coldStart(Packaging packaging, List<String> jvmOptions, Map<String, String> env,
                                       List<SroieReceipt> receipts, boolean training, CacheControl cache) throws Exception {
        List<Process> launched = new CopyOnWriteArrayList<>();
        Map<String, String> environment = new HashMap<>(env);
        environment.put("OMP_THREAD_LIMIT", "1");
        environment.put("TF_CPP_MIN_LOG_LEVEL", "1");
        ServedFunction function = ServedFunction.process("ocr", packaging.deployment(jvmOptions, environment, launched))
                .withTimeout(Duration.ofSeconds(300)).withMemoryMb(MEMORY_MB).withReservedConcurrency(1);
        cache.drop();
        try (LambdaInvokeServer server = LambdaInvokeServer.start(ServerConfig.loopback(0, List.of(function)));
             LambdaClient client = ProcessModeFunctions.client(server)) {
            Invocation first = invoke(client, receipts.get(0));
            if (!first.report().coldStart()) {
                throw new IllegalStateException("the first invocation of a fresh server was not a cold start");
            }
            Process child = launched.get(0);
            long[] io = procIo(child.pid());
            long efsBytes = cache.efsResidentBytes();
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
                    io[0], io[1], efsBytes, warmMs, maxMemory);
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

    /** Why the image leg cannot run here, if it cannot. */
    private static Optional<String> imageSkipReason(Path bundle, boolean root) {
        if (!Files.isRegularFile(bundle.resolve("config.json")) || !Files.isDirectory(bundle.resolve("rootfs"))) {
            return Optional.of("no unpacked image at " + bundle.toAbsolutePath().normalize()
                    + " (run `make image-bundle`: builds the image and unpacks it with umoci)");
        }
        if (!root) {
            return Optional.of("mounting and chroot into the image's rootfs need root");
        }
        return Optional.empty();
    }

    /** The EFS access point maps every client to one POSIX user; the image runs as Lambda's sandbox user. */
    private static void ownBySandboxUser(Path dir) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        Process chown = new ProcessBuilder("chown", "-R", RootfsLauncher.LAMBDA_USER, dir.toString()).inheritIO().start();
        int rc;
        try {
            rc = chown.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for chown", e);
        }
        if (rc != 0) {
            throw new IllegalStateException("chown -R " + RootfsLauncher.LAMBDA_USER + " " + dir + " failed");
        }
    }

    /**
     * The page cache around a cold start: dropped before (so what a start reads comes from disk, as on a fresh
     * host, and what is resident afterwards was paged in by it), and {@code fincore} afterwards over the EFS
     * root's model and framework files.
     */
    record CacheControl(boolean enabled, Path efs) {
        void drop() throws Exception {
            if (!enabled) {
                return;
            }
            run(List.of("sync"));
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
        }

        /** Resident bytes of the files under models/ and frameworks/ of the EFS root; -1 when caches were not dropped. */
        long efsResidentBytes() throws Exception {
            if (!enabled) {
                return -1;
            }
            List<String> command = new ArrayList<>(List.of("fincore", "--bytes", "--noheadings", "--raw", "--output", "RES"));
            for (String dir : List.of("models", "frameworks")) {
                Path root = efs.resolve(dir);
                if (Files.isDirectory(root)) {
                    try (var files = Files.walk(root)) {
                        files.filter(Files::isRegularFile).map(Path::toString).forEach(command::add);
                    }
                }
            }
            if (command.size() == 6) {
                return 0;
            }
            long total = 0;
            for (String line : run(command)) {
                if (!line.isBlank()) {
                    total += Long.parseLong(line.strip());
                }
            }
            return total;
        }

        private static List<String> run(List<String> command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(0, 1)) + " failed: " + out);
            }
            return out;
        }
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
                + "%d MB, medians; warm = %d one-receipt invocations each; ratios against zip%n", detector, starts, MEMORY_MB, warm);
        List<String> names = new ArrayList<>(results.keySet());
        StringBuilder header = new StringBuilder("| | " + String.join(" | ", names) + " |");
        for (String v : names.subList(1, names.size())) {
            header.append(" ").append(v).append(" / zip |");
        }
        System.out.println(header);
        System.out.println("|---|" + "---|".repeat(2 * names.size() - 1));
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
        row("bytes paged in from the EFS root (models/, frameworks/) by init + first page, MB", variants, results,
                c -> c.efsBytes() < 0 ? -1 : c.efsBytes() / 1e6);
        row("child rchar after first page (all files, read(2)), MB", variants, results, c -> c.rchar() / 1e6);
        row("child read_bytes after first page (from disk, not page cache), MB", variants, results, c -> c.readBytes() / 1e6);
        row("Max Memory Used, MB", variants, results, c -> (double) c.maxMemoryMb());
    }

    /** What each packaging ships, and what the zip leg keeps on EFS instead. */
    private static void printSizes(List<Packaging> packagings, Path efs) throws IOException {
        Path jar = ProcessModeFunctions.ocrJar();
        long unzipped = 0;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                unzipped += Math.max(0, entries.nextElement().getSize());
            }
        }
        System.out.printf("sizes: zip = function jar %.1f MB (%.1f MB unzipped) + the Tesseract layer; TensorFlow's natives "
                + "%.1f MB and the model %.1f MB on EFS%n", Files.size(jar) / 1e6, unzipped / 1e6,
                treeBytes(efs.resolve("frameworks")) / 1e6, treeBytes(efs.resolve("models")) / 1e6);
        for (Packaging packaging : packagings) {
            if (packaging instanceof Image image) {
                System.out.printf("sizes: image = root file system %.1f MB unpacked (OS, JRE, Tesseract, TensorFlow's natives, "
                        + "RIC, function jar); the model %.1f MB on EFS%n", treeBytes(image.bundle().resolve("rootfs")) / 1e6,
                        treeBytes(efs.resolve("models")) / 1e6);
            }
        }
    }

    private static long treeBytes(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (var files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
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
        for (double m : medians.subList(1, medians.size())) {
            line.append(base >= 0.05 && m >= 0 ? String.format(" %.2f |", m / base) : " - |");
        }
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
