package io.deepreader.layer.elf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ElfGateMain FUNCTION=CODE[+ALSO_LOADED...][,LAYER...] ...}: checks each function's package and layers against
 * Amazon Linux 2023 (Lambda java21) and exits 1 when one would fail to load there, printing what and why.
 * Run by scripts/elf-gate.sh in every build.
 */
public final class ElfGateMain {
    private ElfGateMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) throws IOException {
        if (args.length == 0) {
            out.println("usage: ElfGateMain FUNCTION=CODE[+ALSO_LOADED...][,LAYER...] ...");
            return 2;
        }
        List<ElfGate.Deployment> deployments = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                out.println("elf-gate: expected FUNCTION=CODE[,LAYER...], got " + arg);
                return 2;
            }
            // FUNCTION=CODE+ALSO,LAYER: ALSO are archives whose natives load into the process from elsewhere
            // (TensorFlow's, from EFS); an empty CODE checks layers alone.
            String[] parts = arg.substring(eq + 1).split(",", -1);
            List<Path> code = Arrays.stream(parts[0].split("\\+")).filter(p -> !p.isEmpty()).map(Path::of).toList();
            List<Path> layers = Arrays.stream(parts).skip(1).filter(p -> !p.isEmpty()).map(Path::of).toList();
            for (Path path : java.util.stream.Stream.concat(code.stream(), layers.stream()).toList()) {
                if (!Files.isRegularFile(path)) {
                    out.println("elf-gate: " + path + " missing (build with mvn package first)");
                    return 2;
                }
            }
            deployments.add(new ElfGate.Deployment(arg.substring(0, eq),
                    parts[0].startsWith("+") || code.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(code.get(0)),
                    layers, parts[0].startsWith("+") ? code : code.subList(Math.min(1, code.size()), code.size())));
        }
        ElfGate gate = new ElfGate(TargetSystem.AL2023_JAVA21);
        int failed = 0;
        for (ElfGate.Deployment deployment : deployments) {
            ElfGate.Report report = gate.check(deployment);
            Map<String, Integer> skippedByReason = new TreeMap<>();
            report.skipped().forEach(s -> skippedByReason.merge(s.reason(), 1, Integer::sum));
            out.printf("%-10s %3d x86-64 Linux ELF files checked, %d skipped, %d problems: %s%n", deployment.function(),
                    report.checked().size(), report.skipped().size(), report.findings().size(),
                    report.passed() ? "ok" : "FAIL");
            if (!skippedByReason.isEmpty()) {
                StringBuilder line = new StringBuilder();
                skippedByReason.forEach((platform, count) -> line.append(line.isEmpty() ? "" : ", ").append(platform).append(' ').append(count));
                out.printf("%-10s     skipped, never loaded by an x86_64 Linux function: %s%n", "", line);
            }
            for (ElfGate.Finding finding : report.findings()) {
                out.printf("FAIL %s: %s%n", deployment.function(), finding);
            }
            failed += report.passed() ? 0 : 1;
        }
        if (failed > 0) {
            out.println("elf-gate: " + failed + " function(s) would not load on " + TargetSystem.AL2023_JAVA21.name());
            return 1;
        }
        return 0;
    }
}
