package io.deepreader.efs.seed;

import io.deepreader.efs.frameworks.FrameworkBundle;
import io.deepreader.ocr.efs.EfsLayout;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The seeding command, for a local EFS root (development, the on-prem/EC2 serve mode) or an EFS file
 * system mounted on the machine running it. It uses the same {@link EfsSeeder} as the seeding function.
 * <pre>
 *   seed --efs-root DIR --from-dir BUNDLE_DIR --target models/ctpn/v3 [--pointer models/ctpn/current]
 *   seed tensorflow-bundle --native-jar tensorflow-core-native-1.1.0-linux-x86_64.jar --version 1.1.0 --out DIR
 * </pre>
 */
public final class SeedMain {

    private SeedMain() {
    }

    public static void main(String[] args) throws IOException {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("seed: " + e.getMessage());
            System.err.println("usage: seed --efs-root DIR --from-dir BUNDLE --target REL [--pointer REL]\n"
                    + "       seed tensorflow-bundle --native-jar JAR --version V --out DIR");
            System.exit(2);
        }
    }

    static void run(String[] args) throws IOException {
        boolean tensorflowBundle = args.length > 0 && args[0].equals("tensorflow-bundle");
        String efsRoot = null, fromDir = null, target = null, pointer = null, nativeJar = null, version = null, out = null;
        for (int i = tensorflowBundle ? 1 : 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--efs-root" -> efsRoot = value;
                case "--from-dir" -> fromDir = value;
                case "--target" -> target = value;
                case "--pointer" -> pointer = value;
                case "--native-jar" -> nativeJar = value;
                case "--version" -> version = value;
                case "--out" -> out = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (tensorflowBundle) {
            if (nativeJar == null || version == null || out == null) {
                throw new IllegalArgumentException("tensorflow-bundle needs --native-jar, --version and --out");
            }
            var manifest = FrameworkBundle.fromTensorFlowNativeJar(Path.of(nativeJar), version, Path.of(out));
            System.out.printf("bundle %s: %d files, %.1f MB%n", out, manifest.files().size(), manifest.totalBytes() / 1e6);
            return;
        }
        if (efsRoot == null || fromDir == null || target == null) {
            throw new IllegalArgumentException("--efs-root, --from-dir and --target are required");
        }
        SeedResult result = new EfsSeeder(new EfsLayout(Path.of(efsRoot)))
                .seed(new DirectorySource(Path.of(fromDir)), target, pointer);
        System.out.printf("%s: %d files, %.1f MB, %s in %d ms%n", result.target(), result.files(), result.bytes() / 1e6,
                result.copied() ? "installed" : "already installed", result.millis());
    }
}
