package io.deepreader.layer.elf;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The ELF gate on real libraries of this machine (Debian 12, glibc 2.36) and of JNA's jar: Debian's
 * libarchive needs GLIBC_2.36 and must fail; zlib, libpng and JNA's x86-64 dispatcher need old versions and pass.
 */
class ElfGateTest {
    /** Debian 12's libarchive: the library that broke the old layer (GLIBC_2.36, see issue 15). */
    private static final Path LIBARCHIVE = Path.of("/usr/lib/x86_64-linux-gnu/libarchive.so.13");
    /** Debian 12's zlib 1.2.13: needs GLIBC up to 2.14 only. */
    private static final Path LIBZ = Path.of("/lib/x86_64-linux-gnu/libz.so.1");

    private static final ElfGate GATE = new ElfGate(TargetSystem.AL2023_JAVA21);

    @TempDir
    Path work;

    @Test
    void readsNeededSonameAndVersionsAsObjdumpDoes() throws IOException, InterruptedException {
        ElfDynamicInfo info = ElfDynamicInfo.read(Files.readAllBytes(LIBARCHIVE));
        String objdump = run("objdump", "-p", LIBARCHIVE.toString());

        assertThat(info.machine()).isEqualTo(ElfDynamicInfo.EM_X86_64);
        assertThat(info.soname()).contains("libarchive.so.13");
        for (String needed : info.needed()) {
            assertThat(objdump).containsPattern("NEEDED\\s+" + java.util.regex.Pattern.quote(needed));
        }
        assertThat(objdump.lines().filter(line -> line.trim().startsWith("NEEDED")).count()).isEqualTo(info.needed().size());
        assertThat(info.requires().get("libc.so.6")).contains("GLIBC_2.36", "GLIBC_2.2.5");
        // objdump's "Version References": one "0x... 0x.. NN GLIBC_x" line per required version.
        long references = info.requires().values().stream().mapToLong(java.util.Set::size).sum();
        String versionReferences = objdump.substring(objdump.indexOf("Version References:"));
        assertThat(versionReferences.lines().filter(line -> line.matches("\\s+0x[0-9a-f]+ 0x[0-9a-f]+ \\d+ \\S+")).count())
                .isEqualTo(references);

        ElfDynamicInfo zlib = ElfDynamicInfo.read(Files.readAllBytes(LIBZ));
        assertThat(zlib.defines()).contains("ZLIB_1.2.9").doesNotContain("libz.so.1");
    }

    @Test
    void failsOnALibraryThatNeedsGlibc236() throws IOException {
        Path layer = zip("layer.zip", Map.of("lib/libarchive.so.13", Files.readAllBytes(LIBARCHIVE)));

        ElfGate.Report report = GATE.check(layerOnly(layer));

        assertThat(report.passed()).isFalse();
        assertThat(report.checked()).containsExactly("layer.zip!/lib/libarchive.so.13");
        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.file()).isEqualTo("layer.zip!/lib/libarchive.so.13");
            assertThat(finding.problem()).isEqualTo(ElfGate.Problem.NEWER_VERSION);
            assertThat(finding.detail()).contains("GLIBC_2.36").contains("libc.so.6").contains("GLIBC_2.34");
        });
        // Its libraries (libacl, libxml2, ...) are neither in the layer nor on Amazon Linux 2023.
        assertThat(report.findings()).anySatisfy(finding -> {
            assertThat(finding.problem()).isEqualTo(ElfGate.Problem.MISSING_LIBRARY);
            assertThat(finding.detail()).startsWith("needs libxml2.so.2,");
        });

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = ElfGateMain.run(new String[] {"ocr=," + layer}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("FAIL ocr: layer.zip!/lib/libarchive.so.13: needs GLIBC_2.36 from libc.so.6");
    }

    @Test
    void passesOnCompatibleLibrariesAndSkipsOtherMachinesAndSystems() throws IOException {
        Map<String, byte[]> jna = new LinkedHashMap<>();
        for (String platform : List.of("linux-x86-64", "linux-aarch64", "freebsd-x86-64", "openbsd-x86-64")) {
            jna.put("com/sun/jna/" + platform + "/libjnidispatch.so", resource("/com/sun/jna/" + platform + "/libjnidispatch.so"));
        }
        // JNA's jar inside the function package (a zip with lib/*.jar), as Lambda's class path may hold it.
        Path jnaJar = zip("jna.jar", jna);
        Path code = zip("function.zip", Map.of("lib/jna.jar", Files.readAllBytes(jnaJar)));
        Path layer = zip("layer.zip", Map.of("lib/libz.so.1", Files.readAllBytes(LIBZ)));

        ElfGate.Report report = GATE.check(new ElfGate.Deployment("ocr", Optional.of(code), List.of(layer), List.of()));

        assertThat(report.findings()).isEmpty();
        assertThat(report.checked()).containsExactlyInAnyOrder(
                "function.zip!/lib/jna.jar!/com/sun/jna/linux-x86-64/libjnidispatch.so", "layer.zip!/lib/libz.so.1");
        assertThat(report.skipped()).extracting(ElfGate.Skipped::reason)
                .containsExactlyInAnyOrder("aarch64", "x86-64 FreeBSD", "x86-64 in a openbsd folder");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = ElfGateMain.run(new String[] {"ocr=" + code + "," + layer}, new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void aLayerMustNotShipGlibcAndAnUnreadableElfFails() throws IOException {
        Path libc = Path.of("/lib/x86_64-linux-gnu/libc.so.6");
        Path layer = zip("layer.zip", Map.of("lib/libc.so.6", Files.readAllBytes(libc),
                "lib/libbroken.so.1", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0}));

        assertThat(GATE.check(layerOnly(layer)).findings()).extracting(ElfGate.Finding::file, ElfGate.Finding::problem)
                .contains(tuple("layer.zip!/lib/libc.so.6", ElfGate.Problem.BUNDLED_SYSTEM_LIBRARY),
                        tuple("layer.zip!/lib/libbroken.so.1", ElfGate.Problem.UNREADABLE));
    }

    @Test
    void aNeededLibraryResolvesFromTheLayersLibFolderOnly() throws IOException {
        // Debian's libpng needs only libz.so.1 (on Amazon Linux 2023), GLIBC_2.14 and ZLIB_1.2.9 at most.
        byte[] libpng = Files.readAllBytes(Path.of("/lib/x86_64-linux-gnu/libpng16.so.16"));
        assertThat(GATE.check(layerOnly(zip("png.zip", Map.of("lib/libpng16.so.16", libpng)))).findings()).isEmpty();

        // Debian's libtiff needs libjpeg, libwebp, ... : found when the layer carries them in lib/, not elsewhere.
        byte[] libtiff = Files.readAllBytes(Path.of("/lib/x86_64-linux-gnu/libtiff.so.6"));
        ElfDynamicInfo tiff = ElfDynamicInfo.read(libtiff);
        assertThat(tiff.needed()).contains("libjpeg.so.62");
        Map<String, byte[]> misplaced = new LinkedHashMap<>();
        misplaced.put("lib/libtiff.so.6", libtiff);
        misplaced.put("share/libjpeg.so.62", Files.readAllBytes(Path.of("/lib/x86_64-linux-gnu/libjpeg.so.62")));
        assertThat(GATE.check(layerOnly(zip("misplaced.zip", misplaced))).findings())
                .anySatisfy(finding -> assertThat(finding.detail()).startsWith("needs libjpeg.so.62,"));
        Map<String, byte[]> placed = new LinkedHashMap<>();
        placed.put("lib/libtiff.so.6", libtiff);
        placed.put("lib/libjpeg.so.62", misplaced.get("share/libjpeg.so.62"));
        assertThat(GATE.check(layerOnly(zip("placed.zip", placed))).findings())
                .noneSatisfy(finding -> assertThat(finding.detail()).startsWith("needs libjpeg.so.62,"));
    }

    @Test
    void versionsCompareNumericallyWithinAFamily() {
        TargetSystem al2023 = TargetSystem.AL2023_JAVA21;
        assertThat(exceeds(al2023, "GLIBC_2.34")).isFalse();
        assertThat(exceeds(al2023, "GLIBC_2.4")).isFalse();
        assertThat(exceeds(al2023, "GLIBC_2.2.5")).isFalse();
        assertThat(exceeds(al2023, "GLIBC_2.35")).isTrue();
        assertThat(exceeds(al2023, "GLIBCXX_3.4.9")).isFalse();
        assertThat(exceeds(al2023, "GLIBCXX_3.4.29")).isFalse();
        assertThat(exceeds(al2023, "GLIBCXX_3.4.30")).isTrue();
        assertThat(exceeds(al2023, "CXXABI_1.3.13")).isFalse();
        assertThat(exceeds(al2023, "CXXABI_1.3.14")).isTrue();
        assertThat(exceeds(al2023, "GCC_7.0.0")).isFalse();
        assertThat(exceeds(al2023, "GCC_12.0.0")).isTrue();
        assertThat(SymbolVersion.parse("GLIBC_PRIVATE")).isEmpty();
        assertThat(SymbolVersion.parse("CXXABI_TM_1")).hasValueSatisfying(v -> assertThat(v.family()).isEqualTo("CXXABI_TM"));
        assertThat(al2023.unnumbered()).contains("CXXABI_TM_1");
    }

    private static boolean exceeds(TargetSystem system, String name) {
        SymbolVersion version = SymbolVersion.parse(name).orElseThrow();
        return version.compareTo(system.newestOf(version).orElseThrow()) > 0;
    }

    private static ElfGate.Deployment layerOnly(Path layer) {
        return new ElfGate.Deployment("ocr", Optional.empty(), List.of(layer), List.of());
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path zip = work.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = Objects.requireNonNull(Native.class.getResourceAsStream(path), path)) {
            return in.readAllBytes();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
