package io.deepreader.layer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the Tesseract Lambda layer zip. A layer is extracted to {@code /opt}, so the zip holds
 * <pre>
 *   lib/                    libtesseract (also as libtesseract.so for JNA) + its shared-library closure
 *                           (Lambda puts /opt/lib on LD_LIBRARY_PATH)
 *   tessdata/               the traineddata files for the requested languages (TESSDATA_PREFIX=/opt/tessdata)
 *   tesseract-layer.json    the {@link LayerManifest}
 * </pre>
 * The same builder packs this machine's Debian libraries (to test the layout locally) or an Amazon
 * Linux 2023 build (what is deployed; see tesseract-layer/README.md). Entries are sorted and carry a
 * fixed timestamp, so the same inputs give the same zip.
 */
public final class LayerBuilder {
    private static final FileTime FIXED_TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    /**
     * @param library     the libtesseract shared object, e.g. /usr/lib/x86_64-linux-gnu/libtesseract.so.5
     * @param tessdata    the folder holding {@code <lang>.traineddata}
     * @param languages   traineddata to ship: eng, and osd for orientation detection
     * @param libraryPath extra LD_LIBRARY_PATH used to resolve the closure (e.g. /opt/lib of a source build)
     * @param buildSource a label for the version file (e.g. "debian-local", "al2023")
     */
    public record Spec(Path library, Path tessdata, List<String> languages, String libraryPath, String buildSource,
                       String tesseractVersion) {
        public Spec {
            languages = List.copyOf(languages);
        }
    }

    private LayerBuilder() {
    }

    public static LayerManifest build(Spec spec, Path zip) throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        Map<String, String> env = spec.libraryPath() == null ? Map.of() : Map.of("LD_LIBRARY_PATH", spec.libraryPath());
        List<Path> owned = spec.libraryPath() == null ? List.of()
                : java.util.Arrays.stream(spec.libraryPath().split(":")).filter(d -> !d.isBlank()).map(Path::of).toList();
        SharedLibraryClosure.of(spec.library(), env, owned).forEach((soname, file) -> entries.put("lib/" + soname, file));
        // JNA (Tess4J) opens "libtesseract.so" by its unversioned name and only falls back to versioned
        // names on the system's own paths, where it would pick up a different Tesseract. A copy (not a
        // symlink: zip symlinks depend on the extractor) makes the layer's library the one found first.
        String fileName = spec.library().getFileName().toString();
        int so = fileName.indexOf(".so");
        if (so > 0 && so + 3 < fileName.length()) {
            entries.put("lib/" + fileName.substring(0, so + 3), spec.library().toRealPath());
        }
        for (String language : spec.languages()) {
            Path data = spec.tessdata().resolve(language + ".traineddata");
            if (!Files.isRegularFile(data)) {
                throw new IOException("no traineddata for '" + language + "' in " + spec.tessdata());
            }
            entries.put("tessdata/" + language + ".traineddata", data);
        }
        List<LayerManifest.Entry> files = new ArrayList<>();
        for (Map.Entry<String, Path> entry : entries.entrySet()) {
            files.add(new LayerManifest.Entry(entry.getKey(), Files.size(entry.getValue()), sha256(entry.getValue())));
        }
        LayerManifest manifest = new LayerManifest(1, spec.tesseractVersion(), spec.buildSource(), spec.languages(), files);
        byte[] manifestJson = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest);

        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path temp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                out.putNextEntry(fixed(entry.getKey()));
                Files.copy(entry.getValue(), out);
                out.closeEntry();
            }
            out.putNextEntry(fixed(LayerManifest.FILE_NAME));
            out.write(manifestJson);
            out.closeEntry();
        }
        Files.move(temp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    /**
     * This machine's Tesseract (Debian 12's libtesseract5 + tesseract-ocr-eng + tesseract-ocr-osd). Its libraries
     * need GLIBC_2.36 and fail the ELF gate: only to compare engines, never deployed.
     */
    public static Spec localSpec() throws IOException {
        return new Spec(Path.of("/usr/lib/x86_64-linux-gnu/libtesseract.so.5"),
                Path.of("/usr/share/tesseract-ocr/5/tessdata"), List.of("eng", "osd"), null, "debian-local",
                installedTesseractVersion());
    }

    /**
     * The layer as deployed: Tesseract built by build-bullseye.sh (Debian 11's glibc 2.31 and gcc 10, so it
     * loads on Amazon Linux 2023) from {@code buildDir/lib}, with this machine's eng + osd traineddata
     * (Debian's tesseract-ocr-eng / -osd, as the layer always had them).
     */
    public static Spec bullseyeSpec(Path buildDir) throws IOException {
        Path lib = buildDir.resolve("lib");
        return new Spec(lib.resolve("libtesseract.so.5"), Path.of("/usr/share/tesseract-ocr/5/tessdata"),
                List.of("eng", "osd"), lib.toString(), "debian11-source-build",
                versionFromBuildInfo(buildDir.resolve("BUILD-INFO")));
    }

    /** The {@code tesseract:} line of build-bullseye.sh's BUILD-INFO, e.g. "tesseract 5.3.0". */
    public static String versionFromBuildInfo(Path buildInfo) throws IOException {
        return Files.readAllLines(buildInfo).stream().filter(line -> line.startsWith("tesseract: "))
                .map(line -> line.substring("tesseract: ".length()).trim()).findFirst()
                .orElseThrow(() -> new IOException("no 'tesseract:' line in " + buildInfo));
    }

    /** First line of {@code tesseract --version}, e.g. "tesseract 5.3.0". */
    public static String installedTesseractVersion() throws IOException {
        Process process = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return output.lines().findFirst().orElse("unknown").trim();
    }

    private static ZipEntry fixed(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setLastModifiedTime(FIXED_TIME);
        return entry;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
