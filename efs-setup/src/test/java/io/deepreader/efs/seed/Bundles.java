package io.deepreader.efs.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Writes small bundles (random files + a manifest in the model/framework shape) for seeding tests. */
final class Bundles {
    private Bundles() {
    }

    static Map<String, byte[]> files(long seed) {
        Random random = new Random(seed);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : List.of("saved_model.pb", "variables/variables.index", "variables/variables.data-00000-of-00001")) {
            byte[] bytes = new byte[1000 + random.nextInt(200_000)];
            random.nextBytes(bytes);
            files.put(path, bytes);
        }
        return files;
    }

    static byte[] manifest(String version, Map<String, byte[]> files) throws Exception {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            entries.add(Map.of("path", file.getKey(), "size", file.getValue().length,
                    "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.getValue()))));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("formatVersion", 1);
        manifest.put("name", "ctpn");
        manifest.put("version", version);
        manifest.put("architecture", "vgg-lite");
        manifest.put("files", entries);
        return BundleManifest.JSON.writeValueAsBytes(manifest);
    }

    static Path write(Path dir, String version, Map<String, byte[]> files) throws Exception {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        Files.write(dir.resolve(BundleManifest.FILE_NAME), manifest(version, files));
        return dir;
    }

    static List<Path> listTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
