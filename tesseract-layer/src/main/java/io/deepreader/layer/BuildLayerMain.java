package io.deepreader.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * CLI: {@code BuildLayerMain OUT.zip [--library PATH] [--tessdata DIR] [--languages eng,osd,deu]
 * [--library-path DIR] [--source LABEL] [--tesseract-version TEXT] [--build-info FILE]}. Without options it
 * packs this machine's Debian 12 Tesseract (which fails the ELF gate: kept to compare); the Maven build
 * passes the bullseye source build (build-bullseye.sh), the AL2023 recipe its /opt build.
 */
public final class BuildLayerMain {

    private BuildLayerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length % 2 != 1) {
            System.err.println("usage: BuildLayerMain OUT.zip [--library PATH] [--tessdata DIR] [--languages eng,osd]"
                    + " [--library-path DIR] [--source LABEL] [--tesseract-version TEXT] [--build-info FILE]");
            System.exit(2);
        }
        // Defaults describe this machine's Debian Tesseract; the AL2023 recipe passes every option.
        Path library = Path.of("/usr/lib/x86_64-linux-gnu/libtesseract.so.5");
        Path tessdata = Path.of("/usr/share/tesseract-ocr/5/tessdata");
        List<String> languages = List.of("eng", "osd");
        String libraryPath = null;
        String source = "debian-local";
        String version = null;
        for (int i = 1; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--library" -> library = Path.of(value);
                case "--tessdata" -> tessdata = Path.of(value);
                case "--languages" -> languages = Arrays.asList(value.split(","));
                case "--library-path" -> libraryPath = value;
                case "--source" -> source = value;
                case "--tesseract-version" -> version = value;
                // build-bullseye.sh's BUILD-INFO: its "tesseract: tesseract 5.3.0" line.
                case "--build-info" -> version = LayerBuilder.versionFromBuildInfo(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (version == null) {
            version = LayerBuilder.installedTesseractVersion();
        }
        LayerManifest manifest = LayerBuilder.build(
                new LayerBuilder.Spec(library, tessdata, languages, libraryPath, source, version), Path.of(args[0]));
        System.out.printf("%s: %d files, %.1f MB unzipped (%s, %s)%n", args[0], manifest.files().size() + 1,
                manifest.totalBytes() / 1e6, manifest.tesseractVersion(), manifest.buildSource());
    }
}
