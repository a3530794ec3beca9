package io.deepreader.client.submit;

import io.deepreader.client.AwsClients;
import io.deepreader.client.ExitCodes;
import io.deepreader.client.Json;
import io.deepreader.client.Progress;
import io.deepreader.client.run.InputDocument;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads a batch of invoices to S3 under content-hash keys. The bucket's S3 event notification
 * (serverless.yml) triggers OCR for each new object; a re-run skips what the local manifest records.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Upload documents to S3 (content-hash ids, resumable); S3 events trigger the OCR function.")
public final class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILES")
    List<Path> inputs;

    @Option(names = "--bucket", required = true)
    String bucket;

    @Option(names = "--prefix", defaultValue = "inbox/", description = "key prefix (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--endpoint", description = "S3-compatible endpoint (S3Mock, MinIO); default: AWS")
    URI endpoint;

    @Option(names = "--region", defaultValue = "us-east-1")
    String region;

    @Option(names = "--manifest", description = "local manifest (default: .deepreader-upload.json in the working directory)")
    Path manifestPath;

    @Option(names = "--concurrency", defaultValue = "4", description = "parallel uploads (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--multipart-threshold-mb", defaultValue = "16")
    long thresholdMb;

    @Option(names = "--part-size-mb", defaultValue = "8")
    long partMb;

    @Option(names = "--max-attempts", defaultValue = "5", description = "SDK attempts per request (default: ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(names = "--json", description = "print the result as JSON on stdout")
    boolean json;

    @Option(names = "--no-progress", negatable = false)
    boolean noProgress;

    public record FileResult(String file, String docId, String key, String status, String message) {
    }

    public record SubmitReport(String bucket, int files, int uploaded, int skipped, int rejected, List<FileResult> results) {
    }

    @Override
    public Integer call() throws Exception {
        List<InputDocument> docs = InputDocument.expand(inputs);
        UploadManifest manifest = UploadManifest.load(manifestPath != null ? manifestPath : Path.of(".deepreader-upload.json"));
        Progress progress = new Progress(spec.commandLine().getErr(), "submit", docs.size(), !noProgress);
        Map<Path, FileResult> results = Collections.synchronizedMap(new LinkedHashMap<>());
        try (S3Client s3 = AwsClients.s3(endpoint, region, maxAttempts)) {
            S3Uploader uploader = new S3Uploader(s3, thresholdMb * 1024 * 1024, partMb * 1024 * 1024);
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (InputDocument doc : docs) {
                    futures.add(pool.submit(() -> {
                        FileResult r = uploadOne(doc.path(), uploader, manifest);
                        results.put(doc.path(), r);
                        progress.step(!"rejected".equals(r.status()));
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        List<FileResult> ordered = new ArrayList<>();
        docs.forEach(d -> ordered.add(results.get(d.path())));
        SubmitReport report = new SubmitReport(bucket, ordered.size(), count(ordered, "uploaded"), count(ordered, "skipped"),
                count(ordered, "rejected"), ordered);
        var out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(report));
        } else {
            out.printf("bucket=%s files=%d uploaded=%d skipped=%d rejected=%d%n", bucket, report.files(), report.uploaded(),
                    report.skipped(), report.rejected());
            for (FileResult r : ordered) {
                if ("rejected".equals(r.status())) {
                    out.printf("  REJECTED %s: %s%n", r.file(), r.message());
                }
            }
        }
        out.flush();
        return report.rejected() == 0 ? ExitCodes.OK : ExitCodes.DOCUMENTS_FAILED;
    }

    private FileResult uploadOne(Path file, S3Uploader uploader, UploadManifest manifest) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new FileResult(file.toString(), null, null, "rejected", "cannot read file (" + reason(e) + ")");
        }
        String sha256 = sha256(bytes);
        // Content-hash id: the same invoice submitted twice (or renamed) maps to the same object and result.
        String docId = "sha256-" + sha256.substring(0, 32);
        String key = normalisedPrefix() + docId + extension(file);
        if (manifest.isDone(docId, bucket, key)) {
            return new FileResult(file.toString(), docId, key, "skipped", "already uploaded");
        }
        String etag = uploader.upload(file, bytes, bucket, key, contentType(file));
        manifest.record(docId, new UploadManifest.Entry(file.toString(), bucket, key, bytes.length, sha256, etag));
        return new FileResult(file.toString(), docId, key, "uploaded", null);
    }

    private static String reason(IOException e) {
        String type = e.getClass().getSimpleName().replace("Exception", "");
        return type.isEmpty() ? String.valueOf(e.getMessage()) : type + ": " + e.getMessage();
    }

    private String normalisedPrefix() {
        return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).replaceAll("[^a-z0-9.]", "");
    }

    private static String contentType(Path file) {
        return switch (extension(file)) {
            case ".pdf" -> "application/pdf";
            case ".jpg", ".jpeg" -> "image/jpeg";
            case ".png" -> "image/png";
            case ".tif", ".tiff" -> "image/tiff";
            default -> "application/octet-stream";
        };
    }

    private static int count(List<FileResult> results, String status) {
        return (int) results.stream().filter(r -> status.equals(r.status())).count();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
