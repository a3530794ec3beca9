package io.deepreader.layer.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the dynamic loader needs to know about one ELF shared object or executable: its machine,
 * SONAME, NEEDED libraries, the symbol versions it requires from each of them ({@code .gnu.version_r},
 * as {@code objdump -T} / {@code readelf -V} show them) and the versions it defines itself
 * ({@code .gnu.version_d}). Read from the section headers, as glibc's {@code elf.h} lays them out.
 *
 * @param machine  {@code e_machine} (62 = x86-64, 183 = AArch64, 3 = i386, ...)
 * @param is64     ELFCLASS64
 * @param osAbi    {@code EI_OSABI} (0 System V, 3 GNU/Linux, 9 FreeBSD)
 * @param soname   DT_SONAME, if any
 * @param needed   DT_NEEDED in order
 * @param runpath  DT_RUNPATH (or the older DT_RPATH) directories, e.g. {@code $ORIGIN}
 * @param requires file name of a needed library -> the version names required from it
 * @param defines  version names this object defines (its own SONAME's base entry excluded)
 */
public record ElfDynamicInfo(int machine, boolean is64, int osAbi, Optional<String> soname, List<String> needed,
                             List<String> runpath,
                             Map<String, Set<String>> requires, Set<String> defines) {

    public static final int EM_X86_64 = 62;
    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_GNU_VERDEF = 0x6ffffffd;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final long DT_NEEDED = 1;
    private static final long DT_SONAME = 14;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;
    /** VER_FLG_BASE: the verdef entry naming the file itself, not a version. */
    private static final int VER_FLG_BASE = 1;

    public ElfDynamicInfo {
        needed = List.copyOf(needed);
        runpath = List.copyOf(runpath);
        requires = Map.copyOf(requires);
        defines = Set.copyOf(defines);
    }

    public static boolean isElf(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    /** @throws MalformedElfException when the bytes are not a well-formed ELF file */
    public static ElfDynamicInfo read(byte[] bytes) {
        return read(ByteBuffer.wrap(bytes));
    }

    /** Reads from a buffer holding the whole file (e.g. a mapped file: TensorFlow's library is 633 MB). */
    public static ElfDynamicInfo read(ByteBuffer file) {
        byte[] ident = new byte[16];
        if (file.capacity() < 52) {
            throw new MalformedElfException("not an ELF file");
        }
        file.get(0, ident);
        if (!isElf(ident)) {
            throw new MalformedElfException("not an ELF file");
        }
        boolean is64 = ident[4] == 2;
        ByteBuffer buf = file.duplicate().order(ident[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int osAbi = ident[7] & 0xff;
        try {
            int machine = Short.toUnsignedInt(buf.getShort(18));
            long shoff = is64 ? buf.getLong(0x28) : Integer.toUnsignedLong(buf.getInt(0x20));
            int shentsize = Short.toUnsignedInt(buf.getShort(is64 ? 0x3a : 0x2e));
            int shnum = Short.toUnsignedInt(buf.getShort(is64 ? 0x3c : 0x30));
            if (shnum == 0) {
                // sstrip-ed files keep only program headers: fail closed rather than read no NEEDED at all.
                throw new MalformedElfException("no section headers: its dynamic section cannot be read");
            }
            List<Section> sections = new ArrayList<>();
            for (int i = 0; i < shnum; i++) {
                int at = Math.toIntExact(shoff + (long) i * shentsize);
                sections.add(is64
                        ? new Section(buf.getInt(at + 4), buf.getLong(at + 0x18), buf.getLong(at + 0x20), buf.getInt(at + 0x28), buf.getLong(at + 0x38))
                        : new Section(buf.getInt(at + 4), Integer.toUnsignedLong(buf.getInt(at + 0x10)),
                                Integer.toUnsignedLong(buf.getInt(at + 0x14)), buf.getInt(at + 0x18),
                                Integer.toUnsignedLong(buf.getInt(at + 0x24))));
            }
            String soname = null;
            List<String> needed = new ArrayList<>();
            List<String> runpath = new ArrayList<>();
            Map<String, Set<String>> requires = new LinkedHashMap<>();
            Set<String> defines = new LinkedHashSet<>();
            for (Section section : sections) {
                if (section.type() == SHT_DYNAMIC) {
                    Section strings = sections.get(section.link());
                    long entry = is64 ? 16 : 8;
                    for (long off = 0; off + entry <= section.size(); off += entry) {
                        int at = Math.toIntExact(section.offset() + off);
                        long tag = is64 ? buf.getLong(at) : buf.getInt(at);
                        long value = is64 ? buf.getLong(at + 8) : Integer.toUnsignedLong(buf.getInt(at + 4));
                        if (tag == 0) {
                            break;
                        } else if (tag == DT_NEEDED) {
                            needed.add(string(buf, strings, value));
                        } else if (tag == DT_SONAME) {
                            soname = string(buf, strings, value);
                        } else if (tag == DT_RUNPATH || tag == DT_RPATH) {
                            runpath.addAll(List.of(string(buf, strings, value).split(":")));
                        }
                    }
                } else if (section.type() == SHT_GNU_VERNEED) {
                    // Elf_Verneed {vn_version, vn_cnt (half), vn_file, vn_aux, vn_next (words)};
                    // Elf_Vernaux {vna_hash, vna_flags, vna_other (half), vna_name, vna_next}: same in ELF32/64.
                    Section strings = sections.get(section.link());
                    long at = section.offset();
                    for (int n = 0; n < 10_000; n++) {
                        int base = Math.toIntExact(at);
                        int count = Short.toUnsignedInt(buf.getShort(base + 2));
                        String fileName = string(buf, strings, Integer.toUnsignedLong(buf.getInt(base + 4)));
                        Set<String> versions = requires.computeIfAbsent(fileName, f -> new LinkedHashSet<>());
                        long aux = at + Integer.toUnsignedLong(buf.getInt(base + 8));
                        for (int a = 0; a < count; a++) {
                            int auxAt = Math.toIntExact(aux);
                            versions.add(string(buf, strings, Integer.toUnsignedLong(buf.getInt(auxAt + 8))));
                            aux += Integer.toUnsignedLong(buf.getInt(auxAt + 12));
                        }
                        long next = Integer.toUnsignedLong(buf.getInt(base + 12));
                        if (next == 0) {
                            break;
                        }
                        at += next;
                    }
                } else if (section.type() == SHT_GNU_VERDEF) {
                    // Elf_Verdef {vd_version, vd_flags, vd_ndx, vd_cnt (half), vd_hash, vd_aux, vd_next};
                    // the first Elf_Verdaux {vda_name, vda_next} names the version.
                    Section strings = sections.get(section.link());
                    long at = section.offset();
                    for (int n = 0; n < 10_000; n++) {
                        int base = Math.toIntExact(at);
                        int flags = Short.toUnsignedInt(buf.getShort(base + 2));
                        long aux = at + Integer.toUnsignedLong(buf.getInt(base + 12));
                        if ((flags & VER_FLG_BASE) == 0) {
                            defines.add(string(buf, strings, Integer.toUnsignedLong(buf.getInt(Math.toIntExact(aux)))));
                        }
                        long next = Integer.toUnsignedLong(buf.getInt(base + 16));
                        if (next == 0) {
                            break;
                        }
                        at += next;
                    }
                }
            }
            return new ElfDynamicInfo(machine, is64, osAbi, Optional.ofNullable(soname), needed, runpath, requires, defines);
        } catch (IndexOutOfBoundsException | ArithmeticException | IllegalArgumentException e) {
            throw new MalformedElfException("truncated or corrupt ELF: " + e.getMessage());
        }
    }

    private static String string(ByteBuffer buf, Section strings, long index) {
        int start = Math.toIntExact(strings.offset() + index);
        int end = start;
        while (buf.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[end - start];
        buf.get(start, text);
        return new String(text, StandardCharsets.US_ASCII);
    }

    private record Section(int type, long offset, long size, int link, long entrySize) {
    }

    /** The bytes start like ELF but cannot be read as one. */
    public static final class MalformedElfException extends RuntimeException {
        public MalformedElfException(String message) {
            super(message);
        }
    }
}
