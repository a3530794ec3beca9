package io.deepreader.layer.elf;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the system a function runs on gives every ELF file: the shared objects on its own loader path and the
 * newest symbol version of each versioned family they define.
 *
 * @param name       for messages
 * @param libraries  file names the dynamic loader finds on the system itself (they win over bundled copies:
 *                   Lambda's LD_LIBRARY_PATH starts with /lib64 and ends with /var/task, /var/task/lib, /opt/lib)
 * @param systemOnly libraries a package or layer must never carry (glibc's: a second libc breaks the loader)
 * @param newest     family -> newest version defined (a required version above it fails to load)
 * @param unnumbered version names without a number that the system's libraries define
 */
public record TargetSystem(String name, Set<String> libraries, Set<String> systemOnly, Map<String, SymbolVersion> newest,
                           Set<String> unnumbered) {

    /** glibc 2.34's shared objects (libcrypt is libxcrypt's on AL2023, not glibc's: not listed). */
    private static final Set<String> GLIBC = Set.of("ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libmvec.so.1",
            "libpthread.so.0", "libdl.so.2", "librt.so.1", "libresolv.so.2", "libutil.so.1", "libanl.so.1",
            "libthread_db.so.1", "libBrokenLocale.so.1", "libc_malloc_debug.so.0", "libnss_files.so.2", "libnss_dns.so.2");

    /**
     * Lambda's {@code java21} runtime, which runs on Amazon Linux 2023 (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html),
     * at the versions AL2023 was released with: conservative, so a pass holds on every java21 environment.
     * <ul>
     * <li>glibc 2.34 (AL2023's {@code glibc-2.34-*.amzn2023}; "includes glibc version 2.34" in the provided.al2023
     *     announcement, aws-lambda-base-images#92) -> {@code GLIBC_2.34}.</li>
     * <li>libstdc++.so.6 and libgcc_s.so.1 of gcc 11, AL2023's system compiler -> {@code GLIBCXX_3.4.29},
     *     {@code CXXABI_1.3.13} (GCC's ABI policy table, gcc.gnu.org/onlinedocs/libstdc++/manual/abi.html) and
     *     {@code GCC_7.0.0}: libgcc_s' nodes are named after the release that added them, and on x86-64 the next
     *     is gcc 12's {@code GCC_12.0.0} (Debian 12's libgcc_s defines GCC_7.0.0, then GCC_12.0.0). They must be
     *     there: TensorFlow Java's JNI library (loaded from EFS into the same process) needs GLIBCXX_3.4.29 from
     *     the system's libstdc++. AL2023 updates later moved libstdc++ to gcc 14, which only adds versions.</li>
     * <li>libz.so.1, zlib 1.2.11 (rpm needs it in AL2023's minimal images) -> {@code ZLIB_1.2.9}, 1.2.11's newest node.</li>
     * </ul>
     * Nothing else (no libpng, libjpeg, libtiff, libwebp, ICU, curl): a package or layer that needs one brings it.
     */
    public static final TargetSystem AL2023_JAVA21 = new TargetSystem("Amazon Linux 2023 (Lambda java21)",
            union(GLIBC, Set.of("libstdc++.so.6", "libgcc_s.so.1", "libz.so.1")),
            GLIBC,
            Map.of("GLIBC", version("GLIBC_2.34"),
                    "GLIBCXX", version("GLIBCXX_3.4.29"),
                    "CXXABI", version("CXXABI_1.3.13"),
                    "GCC", version("GCC_7.0.0"),
                    "ZLIB", version("ZLIB_1.2.9")),
            // CXXABI_TM_1: libstdc++'s transactional-memory entry points, defined since gcc 4.7.
            Set.of("CXXABI_TM_1"));

    public TargetSystem {
        libraries = Set.copyOf(libraries);
        systemOnly = Set.copyOf(systemOnly);
        newest = Map.copyOf(newest);
        unnumbered = Set.copyOf(unnumbered);
    }

    /** @return the newest version the system defines in this version's family, if the family is one it versions */
    public Optional<SymbolVersion> newestOf(SymbolVersion version) {
        return Optional.ofNullable(newest.get(version.family()));
    }

    private static SymbolVersion version(String name) {
        return SymbolVersion.parse(name).orElseThrow();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
