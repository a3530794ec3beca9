package io.deepreader.layer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the layer from the bullseye source build (build-bullseye.sh), extracts it to a temporary {@code opt/}
 * the way Lambda extracts layers to /opt, and runs recognition in a separate JVM that can only find Tesseract
 * there. (On this Debian 12 machine the layer's libraries run against the system's newer glibc/libstdc++.)
 */
class TesseractLayerTest {
    private static final Path SHARED = Path.of(System.getProperty("shared.dir", "../../shared"));
    /** build-bullseye.sh's output, prepared by this module's pom before the tests. */
    private static final Path BULLSEYE_BUILD = Path.of(System.getProperty("tesseract.bullseye.dir", "target/tesseract-bullseye"));
    private static final Path RECEIPT = SHARED.resolve("data/sroie-dev/img/300.jpg");
    private static final Path RECEIPT_BOXES = SHARED.resolve("data/sroie-dev/box/300.csv");
    /** phototest.tif turned 90 degrees counter-clockwise: OSD reports 270 (see OrientationDetectionTest). */
    private static final Path SIDEWAYS_PAGE = SHARED.resolve("data/tesseract-testing/phototestrot.tif");

    @TempDir
    static Path work;
    static Path opt;
    static LayerManifest manifest;

    @BeforeAll
    static void buildAndExtract() throws IOException {
        Path zip = work.resolve("tesseract-layer.zip");
        manifest = LayerBuilder.build(LayerBuilder.bullseyeSpec(BULLSEYE_BUILD), zip);
        opt = work.resolve("opt");
        unzip(zip, opt);
    }

    @Test
    void layerHoldsTheLibraryClosureTessdataAndAVersionFile() throws IOException {
        assertThat(opt.resolve("lib/libtesseract.so.5")).isRegularFile();
        assertThat(opt.resolve("lib/liblept.so.5")).isRegularFile();
        assertThat(opt.resolve("tessdata/eng.traineddata")).isRegularFile();
        assertThat(opt.resolve("tessdata/osd.traineddata")).isRegularFile();
        LayerManifest written = new ObjectMapper().readValue(opt.resolve(LayerManifest.FILE_NAME).toFile(), LayerManifest.class);
        assertThat(written).isEqualTo(manifest);
        assertThat(written.tesseractVersion()).startsWith("tesseract 5.");
        for (LayerManifest.Entry entry : written.files()) {
            Path file = opt.resolve(entry.path());
            assertThat(Files.size(file)).as(entry.path()).isEqualTo(entry.size());
            assertThat(LayerBuilder.sha256(file)).as(entry.path()).isEqualTo(entry.sha256());
        }
        try (var libs = Files.list(opt.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString()))
                    .noneMatch(SharedLibraryClosure.SYSTEM_LIBRARIES::contains)
                    .noneMatch(SharedLibraryClosure.TARGET_RUNTIME::contains)
                    .noneMatch(name -> name.startsWith("libcurl") || name.startsWith("libarchive")
                            || name.startsWith("libgnutls") || name.startsWith("libicu"));
        }
        assertThat(written.buildSource()).isEqualTo("debian11-source-build");
    }

    @Test
    void everyLibraryResolvesItsDependenciesInsideTheLayerOrFromGlibc() throws IOException {
        Map<String, String> lambdaLike = Map.of("LD_LIBRARY_PATH", opt.resolve("lib").toString());
        try (var libs = Files.list(opt.resolve("lib"))) {
            for (Path lib : libs.toList()) {
                for (Map.Entry<String, Path> dependency : SharedLibraryClosure.of(lib, lambdaLike, List.of()).entrySet()) {
                    assertThat(dependency.getValue()).as("%s needs %s", lib.getFileName(), dependency.getKey())
                            .startsWith(opt.resolve("lib").toRealPath());
                }
            }
        }
    }

    @Test
    void tess4jRecognisesAReceiptLoadingTesseractOnlyFromTheLayer() throws Exception {
        List<String[]> truth = Files.readAllLines(RECEIPT_BOXES).stream().limit(6)
                .map(line -> line.split(",", 9)).toList();
        JsonNode result = probe(opt, RECEIPT, truth, true);

        List<String> mapped = new ArrayList<>();
        result.get("mappedLibraries").forEach(node -> mapped.add(node.asText()));
        String layerLib = opt.resolve("lib").toRealPath().toString();
        assertThat(mapped).as("libtesseract mapped from the layer")
                .anyMatch(path -> path.startsWith(layerLib) && path.contains("libtesseract.so"));
        assertThat(mapped).as("no Tesseract or Leptonica from the system")
                .noneMatch(path -> !path.startsWith(layerLib) && (path.contains("libtesseract") || path.contains("liblept")));

        // Orientation detection works from the layer alone: osd.traineddata loads and finds the turned page.
        JsonNode osd = result.get("osd");
        assertThat(osd.get("initRc").asInt()).as("OSD init from the layer's tessdata").isZero();
        assertThat(osd.get("detected").asBoolean()).isTrue();
        assertThat(osd.get("degrees").asInt()).isEqualTo(270);
        assertThat(osd.get("confidence").asDouble()).isGreaterThan(7.0);

        // Character accuracy over the first lines of receipt 300 (report split), against its ground truth.
        int chars = 0;
        int errors = 0;
        for (int i = 0; i < truth.size(); i++) {
            String expected = truth.get(i)[8].strip();
            String actual = result.get("lines").get(i).asText();
            chars += expected.length();
            errors += levenshtein(expected, actual);
        }
        double accuracy = 1.0 - (double) errors / chars;
        System.err.printf("layer OCR character accuracy on receipt 300, first %d lines: %.3f%n", truth.size(), accuracy);
        // Measured 0.965 with Debian Tesseract 5.3.0; 0.85 leaves room for other engine builds (AL2023 5.3.4).
        assertThat(accuracy).as("character accuracy, lines: %s", result.get("lines")).isGreaterThan(0.85);
    }

    /**
     * The bullseye build against Debian 12's own libtesseract5 (same Tesseract 5.3.0 source, same traineddata)
     * on every line of two receipts: the character accuracy must not drop; the speed ratio is printed.
     */
    @Test
    void readsReceiptsAsWellAsDebiansBuild() throws Exception {
        Path debianZip = work.resolve("debian-layer.zip");
        LayerBuilder.build(LayerBuilder.localSpec(), debianZip);
        Path debianOpt = work.resolve("debian-opt");
        unzip(debianZip, debianOpt);
        List<String> args = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (String id : List.of("300", "301")) {
            args.add(SHARED.resolve("data/sroie-dev/img/" + id + ".jpg").toString());
            for (String line : Files.readAllLines(SHARED.resolve("data/sroie-dev/box/" + id + ".csv"))) {
                String[] box = line.split(",", 9);
                if (box.length < 9 || box[8].isBlank()) {
                    continue;
                }
                int x0 = Integer.parseInt(box[0]);
                int y0 = Integer.parseInt(box[1]);
                int x1 = Integer.parseInt(box[4]);
                int y1 = Integer.parseInt(box[5]);
                args.add(x0 + "," + y0 + "," + (x1 - x0) + "," + (y1 - y0));
                expected.add(box[8].strip());
            }
        }
        JsonNode bullseye = probeArgs(opt, args, false);
        JsonNode debian = probeArgs(debianOpt, args, false);
        double bullseyeAccuracy = accuracy(expected, bullseye.get("lines"));
        double debianAccuracy = accuracy(expected, debian.get("lines"));
        System.err.printf("receipts 300-301, %d lines: character accuracy bullseye build %.4f, Debian 12 build %.4f;"
                        + " OCR time bullseye/Debian %.2f (%.0f ms / %.0f ms)%n", expected.size(), bullseyeAccuracy,
                debianAccuracy, bullseye.get("ocrMillis").asDouble() / debian.get("ocrMillis").asDouble(),
                bullseye.get("ocrMillis").asDouble(), debian.get("ocrMillis").asDouble());
        assertThat(bullseyeAccuracy).isGreaterThanOrEqualTo(debianAccuracy - 0.005);
    }

    private static double accuracy(List<String> expected, JsonNode lines) {
        int chars = 0;
        int errors = 0;
        for (int i = 0; i < expected.size(); i++) {
            chars += expected.get(i).length();
            errors += levenshtein(expected.get(i), lines.get(i).asText());
        }
        return 1.0 - (double) errors / chars;
    }

    private static JsonNode probe(Path opt, Path image, List<String[]> truth, boolean osd) throws Exception {
        List<String> args = new ArrayList<>(List.of(image.toString()));
        for (String[] box : truth) {
            int x0 = Integer.parseInt(box[0]);
            int y0 = Integer.parseInt(box[1]);
            int x1 = Integer.parseInt(box[4]);
            int y1 = Integer.parseInt(box[5]);
            args.add(x0 + "," + y0 + "," + (x1 - x0) + "," + (y1 - y0));
        }
        return probeArgs(opt, args, osd);
    }

    /** {@link LayerProbe} in a fresh JVM that finds Tesseract only in {@code opt/lib} and {@code opt/tessdata}. */
    private static JsonNode probeArgs(Path opt, List<String> probeArgs, boolean osd) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djna.library.path=" + opt.resolve("lib")));
        if (osd) {
            command.add("-Dosd.image=" + SIDEWAYS_PAGE);
        }
        command.add(LayerProbe.class.getName());
        command.addAll(probeArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LD_LIBRARY_PATH", opt.resolve("lib").toString());
        builder.environment().put("TESSDATA_PREFIX", opt.resolve("tessdata").toString());
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry escapes the target: " + entry.getName());
                }
                Files.createDirectories(out.getParent());
                Files.copy(in, out);
            }
        }
    }
}
