package io.deepreader.efs.frameworks;

import io.deepreader.efs.seed.BundleManifest;
import io.deepreader.ocr.efs.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Turns TensorFlow Java's native jar ({@code org.tensorflow:tensorflow-core-native:1.1.0:linux-x86_64},
 * ~160 MB zipped, ~680 MB of .so files) into a seedable bundle:
 * <pre>
 *   {out}/linux-x86_64/libjnitensorflow.so, libtensorflow_cc.so.2, libtensorflow_framework.so.2
 *   {out}/manifest.json     name, version, platform, nativeDir and every file's size + SHA-256
 * </pre>
 * The bundle goes to EFS at {@code frameworks/tensorflow-{version}/} (via S3 and the seeding function,
 * or directly with SeedMain), where {@link FrameworkLocator} points JavaCPP at it.
 */
public final class FrameworkBundle {
    public static final String PLATFORM = "linux-x86_64";
    private static final String NATIVE_PREFIX = "org/tensorflow/internal/c_api/" + PLATFORM + "/";

    private FrameworkBundle() {
    }

    public static BundleManifest fromTensorFlowNativeJar(Path nativeJar, String version, Path out) throws IOException {
        Path nativeDir = Files.createDirectories(out.resolve(PLATFORM));
        List<BundleManifest.FileEntry> files = new ArrayList<>();
        try (InputStream file = Files.newInputStream(nativeJar); ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(NATIVE_PREFIX) || !name.contains(".so")
                        || name.substring(NATIVE_PREFIX.length()).contains("/")) {
                    continue;
                }
                String fileName = name.substring(NATIVE_PREFIX.length());
                MessageDigest sha256 = sha256();
                long size;
                try (OutputStream target = new DigestOutputStream(Files.newOutputStream(nativeDir.resolve(fileName)), sha256)) {
                    size = zip.transferTo(target);
                }
                files.add(new BundleManifest.FileEntry(PLATFORM + "/" + fileName, size, HexFormat.of().formatHex(sha256.digest())));
            }
        }
        if (files.stream().noneMatch(f -> f.path().endsWith("/libjnitensorflow.so"))) {
            throw new IOException(nativeJar + " holds no " + PLATFORM + " TensorFlow natives");
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", "tensorflow");
        manifest.put("version", version);
        manifest.put("platform", PLATFORM);
        manifest.put("nativeDir", PLATFORM);
        manifest.put("files", files);
        AtomicFiles.writeBytes(out.resolve(BundleManifest.FILE_NAME),
                new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        return new BundleManifest("tensorflow", version, files);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
