package io.deepreader.ctpn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cold-start breakdown in fresh JVMs (a cold start cannot be measured twice in one process): for each model,
 * runs {@code cold-start} sequentially and in parallel {@code --repeat} times and prints medians and the
 * parallel/sequential init ratio. Also times the warm detector on the page (median of up to 11 calls in 10 s).
 */
@Command(name = "bench", description = "Cold-start breakdown (JVM, TF native, model, Tesseract, first page), parallel vs sequential.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, split = ",", description = "Model version directories (e.g. small,vgg16).") List<Path> models;
    @Option(names = "--page", required = true) Path page;
    @Option(names = "--repeat", defaultValue = "3") int repeat;
    @Option(names = "--threads", defaultValue = "0") int threads;

    @Override
    public Integer call() throws Exception {
        String[] keys = {"jvmStartMs", "tfNativeLoadMs", "modelLoadMs", "modelVerifyMs", "tesseractInitMs", "initWallMs",
            "firstPageDetectMs", "firstPageMs", "warmDetectMs"};
        System.out.printf("%-28s %-10s %6s %6s %7s %7s %6s %7s %8s %8s %7s%n", "model", "mode", "jvm", "tf", "model",
                "verify", "tess", "init", "detect1", "page1", "warm");
        for (Path model : models) {
            double[] initWall = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                List<JsonNode> runs = new ArrayList<>();
                for (int i = 0; i < repeat; i++) {
                    runs.add(runOnce(model, mode == 1));
                }
                double[] med = new double[keys.length];
                for (int k = 0; k < keys.length; k++) {
                    final String key = keys[k];
                    med[k] = median(runs.stream().mapToDouble(n -> n.get(key).asDouble()).toArray());
                }
                initWall[mode] = med[5];
                System.out.printf("%-28s %-10s %6.0f %6.0f %7.0f %7.0f %6.0f %7.0f %8.0f %8.0f %7.0f   (%s, %.1f MB, %s)%n",
                        model.getFileName(), mode == 1 ? "parallel" : "sequential", med[0], med[1], med[2], med[3], med[4],
                        med[5], med[6], med[7], med[8], runs.get(0).get("architecture").asText(),
                        runs.get(0).get("modelBytes").asDouble() / 1e6, runs.get(0).get("pageSize").asText());
            }
            System.out.printf("%-28s parallel/sequential init wall time: %.2f%n", model.getFileName(), initWall[1] / initWall[0]);
        }
        return 0;
    }

    private JsonNode runOnce(Path model, boolean parallel) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CtpnCli.class.getName(), "cold-start",
                "--model", model.toString(), "--page", page.toString(), "--threads", Integer.toString(threads)));
        if (parallel) {
            cmd.add("--parallel");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("cold-start run failed: " + out);
        }
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        return new ObjectMapper().readTree(last);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
