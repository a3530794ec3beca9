package io.deepreader.layer.elf;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fails a deployment whose native code would not load on the target system: reads every ELF file in a
 * function's package and its layers (also ELF files inside jars inside them, such as OpenCV's and JNA's
 * natives) and checks what the dynamic loader will check at the first {@code dlopen} on Lambda: every
 * NEEDED library is on the system or in the package's/layers' library directories, and every symbol version
 * required from it exists there.
 *
 * <p>Only x86-64 Linux ELF files are checked (64-bit, {@code e_machine} EM_X86_64, OS ABI System V or GNU):
 * the functions are deployed for {@code architecture: x86_64} (serverless.yml), and JNA ships natives for
 * 20 other platforms (aarch64, ppc64le, FreeBSD, Solaris, ...) that its loader never picks there. They are
 * reported as skipped, with the reason, never silently passed.
 */
public final class ElfGate {
    /** ELF OS ABI bytes the Linux loader accepts: System V (most toolchains) and GNU (ifunc/unique symbols). */
    private static final Set<Integer> LINUX_ABIS = Set.of(0, 3);
    private static final int NESTED_ARCHIVE_DEPTH = 3;

    private final TargetSystem target;

    public ElfGate(TargetSystem target) {
        this.target = target;
    }

    /**
     * A function as Lambda assembles it: its code package (extracted to /var/task), its layers (to /opt), and
     * other archives whose natives load into the same process (TensorFlow's native jar, from EFS).
     */
    public record Deployment(String function, Optional<Path> code, List<Path> layers, List<Path> alsoLoaded) {
        public Deployment {
            layers = List.copyOf(layers);
            alsoLoaded = List.copyOf(alsoLoaded);
        }
    }

    public enum Problem {
        /** a symbol version newer than the target's libraries define */
        NEWER_VERSION,
        /** a NEEDED library neither on the target nor in the package's or layers' library directories */
        MISSING_LIBRARY,
        /** a symbol version the bundled library that provides it does not define */
        MISSING_VERSION,
        /** an unnumbered version the target does not define (e.g. GLIBC_PRIVATE: one glibc build only) */
        UNKNOWN_VERSION,
        /** glibc's own objects in a package: they must be the system's */
        BUNDLED_SYSTEM_LIBRARY,
        /** starts like ELF but cannot be read: the gate cannot vouch for it */
        UNREADABLE
    }

    /** @param file archive and entry, {@code tesseract-layer.zip!/lib/libarchive.so.13} */
    public record Finding(String file, Problem problem, String detail) {
        @Override
        public String toString() {
            return file + ": " + detail + " [" + problem + "]";
        }
    }

    public record Skipped(String file, String reason) {
    }

    /** @param checked the x86-64 Linux ELF files read, by location */
    public record Report(String function, List<String> checked, List<Skipped> skipped, List<Finding> findings) {
        public Report {
            checked = List.copyOf(checked);
            skipped = List.copyOf(skipped);
            findings = List.copyOf(findings);
        }

        public boolean passed() {
            return findings.isEmpty();
        }
    }

    /**
     * One ELF file found in an archive; {@code info} empty when it could not be read; {@code directory}
     * identifies its archive and folder (a loader that extracts a folder of natives keeps them together).
     */
    private record Found(String location, String directory, String name, boolean onLibraryPath,
                         Optional<ElfDynamicInfo> info, String error) {
    }

    /** JNA's resource folders for other systems ({@code openbsd-x86-64}): OpenBSD's ELF header says System V. */
    private static final java.util.regex.Pattern OTHER_OS_FOLDER = java.util.regex.Pattern.compile(
            "(^|.*/)(openbsd|freebsd|netbsd|dragonflybsd|sunos|solaris|darwin|macosx?|osx|win32|windows|aix)[-_/][^/]*/[^/]*$");

    public Report check(Deployment deployment) throws IOException {
        List<Found> found = new ArrayList<>();
        // Lambda extracts the code package to /var/task and layers to /opt; LD_LIBRARY_PATH holds /var/task,
        // /var/task/lib and /opt/lib (docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html).
        if (deployment.code().isPresent()) {
            scan(deployment.code().get(), Set.of("", "lib/"), found);
        }
        for (Path layer : deployment.layers()) {
            scan(layer, Set.of("lib/"), found);
        }
        for (Path archive : deployment.alsoLoaded()) {
            scan(archive, Set.of(), found);
        }
        Map<String, Found> bundled = new LinkedHashMap<>();
        for (Found f : found) {
            if (f.onLibraryPath()) {
                bundled.putIfAbsent(f.name(), f);
            }
        }
        List<String> checked = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Found f : found) {
            if (f.info().isEmpty()) {
                findings.add(new Finding(f.location(), Problem.UNREADABLE, "not a readable ELF file: " + f.error()));
                continue;
            }
            ElfDynamicInfo info = f.info().get();
            Optional<String> notForTarget = notForTarget(info, f.location());
            if (notForTarget.isPresent()) {
                skipped.add(new Skipped(f.location(), notForTarget.get()));
                continue;
            }
            checked.add(f.location());
            if (f.onLibraryPath() && target.systemOnly().contains(f.name())) {
                findings.add(new Finding(f.location(), Problem.BUNDLED_SYSTEM_LIBRARY,
                        f.name() + " is glibc's: bundled, it replaces the system's and breaks the loader"));
            }
            // $ORIGIN in DT_RUNPATH: the loader looks beside the file itself (TensorFlow's JNI library says
            // "$ORIGIN/": its libtensorflow_cc.so.2 and libtensorflow_framework.so.2 sit in the same EFS folder).
            Map<String, Found> beside = new LinkedHashMap<>();
            if (info.runpath().stream().map(dir -> dir.replaceAll("/+$", ""))
                    .anyMatch(dir -> dir.equals("$ORIGIN") || dir.equals("${ORIGIN}"))) {
                found.stream().filter(g -> g.directory().equals(f.directory())).forEach(g -> beside.putIfAbsent(g.name(), g));
            }
            for (String needed : info.needed()) {
                if (!target.libraries().contains(needed) && !bundled.containsKey(needed) && !beside.containsKey(needed)) {
                    findings.add(new Finding(f.location(), Problem.MISSING_LIBRARY, "needs " + needed + ", which neither "
                            + target.name() + " (glibc, libstdc++, libgcc_s, zlib) nor lib/ of the package or its layers has"));
                }
            }
            for (Map.Entry<String, Set<String>> required : info.requires().entrySet()) {
                String from = required.getKey();
                Optional<ElfDynamicInfo> provider = target.libraries().contains(from)
                        ? Optional.empty()
                        : Optional.ofNullable(beside.getOrDefault(from, bundled.get(from))).flatMap(Found::info);
                for (String name : required.getValue()) {
                    check(f.location(), from, name, provider).ifPresent(findings::add);
                }
            }
        }
        return new Report(deployment.function(), checked, skipped, findings);
    }

    private Optional<Finding> check(String location, String from, String name, Optional<ElfDynamicInfo> bundledProvider) {
        Optional<SymbolVersion> version = SymbolVersion.parse(name);
        Optional<SymbolVersion> newest = version.flatMap(target::newestOf);
        if (newest.isPresent() && version.get().compareTo(newest.get()) > 0) {
            return Optional.of(new Finding(location, Problem.NEWER_VERSION, "needs " + name + " from " + from + ", but "
                    + target.name() + " has at most " + newest.get()));
        }
        if (bundledProvider.isPresent()) {
            // The loader checks the version against the copy it loaded: the bundled one.
            return bundledProvider.get().defines().contains(name)
                    ? Optional.empty()
                    : Optional.of(new Finding(location, Problem.MISSING_VERSION, "needs " + name + " from " + from
                            + ", which the bundled " + from + " does not define"));
        }
        if (newest.isEmpty() && !target.unnumbered().contains(name) && target.libraries().contains(from)) {
            return Optional.of(new Finding(location, Problem.UNKNOWN_VERSION, "needs " + name + " from " + from
                    + ", which " + target.name() + "'s " + from + " is not known to define"));
        }
        return Optional.empty();
    }

    /** e_machine values of the platforms JNA and OpenCV ship natives for (glibc's elf.h). */
    private static final Map<Integer, String> MACHINES = Map.of(3, "i386", 8, "mips", 20, "ppc", 21, "ppc64", 22, "s390",
            40, "arm", 43, "sparcv9", 183, "aarch64", 243, "riscv", 258, "loongarch");
    /** EI_OSABI values (elf.h): x86-64 natives JNA ships for other systems. */
    private static final Map<Integer, String> ABIS = Map.of(6, "Solaris", 9, "FreeBSD", 12, "OpenBSD");

    /** @return why the target never loads this file ({@code aarch64}, {@code x86-64 FreeBSD}), empty when it may */
    private static Optional<String> notForTarget(ElfDynamicInfo info, String location) {
        if (info.machine() != ElfDynamicInfo.EM_X86_64 || !info.is64()) {
            return Optional.of(info.machine() == ElfDynamicInfo.EM_X86_64 ? "x86-64 ELFCLASS32"
                    : MACHINES.getOrDefault(info.machine(), "e_machine " + info.machine()));
        }
        if (!LINUX_ABIS.contains(info.osAbi())) {
            return Optional.of("x86-64 " + ABIS.getOrDefault(info.osAbi(), "OS ABI " + info.osAbi()));
        }
        java.util.regex.Matcher otherOs = OTHER_OS_FOLDER.matcher(location);
        if (otherOs.matches()) {
            return Optional.of("x86-64 in a " + otherOs.group(2) + " folder");
        }
        return Optional.empty();
    }

    private static void scan(Path archive, Set<String> libraryDirectories, List<Found> found) throws IOException {
        try (InputStream in = Files.newInputStream(archive)) {
            scan(archive.getFileName().toString(), in, libraryDirectories, 0, found);
        }
    }

    /** Reads each entry's first four bytes; ELF files are read whole, jars and zips inside are walked too. */
    private static void scan(String label, InputStream archive, Set<String> libraryDirectories, int depth, List<Found> found)
            throws IOException {
        ZipInputStream zip = new ZipInputStream(archive);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (entry.isDirectory()) {
                continue;
            }
            String path = entry.getName();
            byte[] head = zip.readNBytes(4);
            String location = label + "!/" + path;
            if (ElfDynamicInfo.isElf(head)) {
                byte[] bytes = readRest(head, zip, entry.getSize());
                int slash = path.lastIndexOf('/');
                String directory = path.substring(0, slash + 1);
                String name = path.substring(slash + 1);
                boolean onLibraryPath = libraryDirectories.contains(directory);
                String folder = label + "!/" + directory;
                try {
                    found.add(new Found(location, folder, name, onLibraryPath, Optional.of(ElfDynamicInfo.read(bytes)), ""));
                } catch (ElfDynamicInfo.MalformedElfException e) {
                    found.add(new Found(location, folder, name, onLibraryPath, Optional.empty(), e.getMessage()));
                }
            } else if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4
                    && depth < NESTED_ARCHIVE_DEPTH) {
                // A jar inside the package is never extracted by Lambda: its natives are checked but provide nothing.
                byte[] bytes = readRest(head, zip, entry.getSize());
                scan(location, new ByteArrayInputStream(bytes), Set.of(), depth + 1, found);
            }
        }
    }

    /** One array for the whole entry when its size is known (TensorFlow's library is 633 MB): no second copy. */
    private static byte[] readRest(byte[] head, InputStream in, long size) throws IOException {
        if (size >= head.length && size < Integer.MAX_VALUE - 8) {
            byte[] all = new byte[(int) size];
            System.arraycopy(head, 0, all, 0, head.length);
            int read = in.readNBytes(all, head.length, all.length - head.length);
            if (read == all.length - head.length && in.read() == -1) {
                return all;
            }
            throw new IOException("zip entry shorter or longer than its recorded size " + size);
        }
        byte[] rest = in.readAllBytes();
        byte[] all = new byte[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }
}
