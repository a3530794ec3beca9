package io.deepreader.layer.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numbered symbol version such as {@code GLIBC_2.34}, {@code GLIBCXX_3.4.29}, {@code CXXABI_1.3.13} or
 * {@code GCC_7.0.0}: a family and a dotted number, ordered numerically within the family (so 3.4.9 < 3.4.29).
 */
public record SymbolVersion(String family, List<Integer> numbers) implements Comparable<SymbolVersion> {
    private static final Pattern NUMBERED = Pattern.compile("([A-Z][A-Z_]*?)_(\\d+(?:\\.\\d+)*)");

    public SymbolVersion {
        numbers = List.copyOf(numbers);
    }

    /** @return the version, or empty for names without a number ({@code GLIBC_PRIVATE}, {@code CXXABI_TM_1} has one) */
    public static Optional<SymbolVersion> parse(String name) {
        Matcher m = NUMBERED.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        List<Integer> numbers = new ArrayList<>();
        for (String part : m.group(2).split("\\.")) {
            numbers.add(Integer.parseInt(part));
        }
        return Optional.of(new SymbolVersion(m.group(1), numbers));
    }

    @Override
    public int compareTo(SymbolVersion other) {
        if (!family.equals(other.family)) {
            throw new IllegalArgumentException("different families: " + this + " vs " + other);
        }
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int a = i < numbers.size() ? numbers.get(i) : 0;
            int b = i < other.numbers.size() ? other.numbers.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(family).append('_');
        for (int i = 0; i < numbers.size(); i++) {
            s.append(i == 0 ? "" : ".").append(numbers.get(i));
        }
        return s.toString();
    }
}
