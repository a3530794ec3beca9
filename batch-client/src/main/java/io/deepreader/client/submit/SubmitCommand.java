package io.deepreader.client.submit;

import io.deepreader.client.AwsClients;
import io.deepreader.client.ExitCodes;
import io.deepreader.client.Json;
import io.deepreader.client.Progress;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deepreader.client.run.DocumentResult;
import io.deepreader.client.run.InputDocument;
import io.deepreader.client.run.LambdaTarget;
import io.deepreader.client.run.RunReport;
import io.deepreader.ocr.efs.Ids;
import io.deepreader.ocr.efs.Sha256;
import java.time.Duration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads a batch of invoices to S3 under content-hash keys; a re-run skips what the local manifest records.
 * OCR is then triggered by the bucket's S3 event notification (serverless.yml), or, with {@code --invoke},
 * by explicit batch requests of {@code --docs-per-request} S3 documents each, whose per-document results
 * are merged into the report.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Upload documents to S3 (content-hash ids, resumable).",
                "OCR is triggered by the bucket's S3 events, or with --invoke by batch requests of N S3 documents."})
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

    @Option(names = "--max-attempts", defaultValue = "5", description = "S3: SDK attempts per request; --invoke: attempts per document on function errors/deferral (default: ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(names = "--invoke", description = "after uploading, invoke the OCR function with the uploaded (and "
            + "already uploaded) documents instead of relying on S3 events")
    boolean invoke;

    @Option(names = "--function", defaultValue = "deepreader-ocr",
            description = "--invoke: function name (default: ${DEFAULT-VALUE})")
    String function;

    @Option(names = "--invoke-endpoint", description = "--invoke: Invoke API endpoint, e.g. serve mode at "
            + "http://127.0.0.1:9001 (default: AWS; --endpoint is the S3 endpoint)")
    URI invokeEndpoint;

    @Option(names = "--docs-per-request", defaultValue = "10",
            description = "--invoke: S3 documents per batch request (default: ${DEFAULT-VALUE})")
    int docsPerRequest;

    @Option(names = "--invoke-concurrency", defaultValue = "4",
            description = "--invoke: requests in flight (default: ${DEFAULT-VALUE})")
    int invokeConcurrency;

    @Option(names = "--batch-id", description = "--invoke: the function's batch id (default: s3-<bucket>, the batch "
            + "S3 events use, so outputs of a re-run are reused)")
    String batchId;

    @Option(names = "--timeout", defaultValue = "PT15M",
            description = "--invoke: per-invoke timeout (ISO-8601, default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", description = "print the result as JSON on stdout")
    boolean json;

    @Option(names = "--follow", description = "after uploading, wait until every uploaded document has its result on "
            + "EFS (needs --efs-root: the mount, e.g. on EC2, or a local root in serve mode)")
    boolean follow;

    @Option(names = "--efs-root", description = "--follow: where the function writes jobs/")
    Path efsRoot;

    @Option(names = "--follow-timeout", defaultValue = "PT2H", description = "--follow: give up after (ISO-8601, default ${DEFAULT-VALUE})")
    Duration followTimeout;

    @Option(names = "--no-progress", negatable = false)
    boolean noProgress;

    private final Map<String, String> claimed = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param ocr with {@code --invoke}: the function's result for this file's document (null otherwise) */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileResult(String file, String docId, String key, String status, String message, DocumentResult ocr) {
        FileResult withOcr(DocumentResult result) {
            return new FileResult(file, docId, key, status, message, result);
        }
    }

    /**
     * @param invoke with {@code --invoke}: the run summary over the distinct documents invoked
     * @param follow with {@code --follow}: where the uploaded documents stood when following ended
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubmitReport(String bucket, int files, int uploaded, int skipped, int rejected, InvokeSummary invoke,
                               BatchFollower.Outcome follow, List<FileResult> results) {
    }

    public record InvokeSummary(String function, String batchId, int documents, int ok, int failed, int deferred,
                                int pages, int retries, int throttledRetries, long wallMillis) {
        static InvokeSummary of(String function, RunReport r) {
            return new InvokeSummary(function, r.batchId(), r.documents(), r.ok(), r.failed(), r.deferred(), r.pages(),
                    r.retries(), r.throttledRetries(), r.wallMillis());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (follow && efsRoot == null) {
            throw new ParameterException(spec.commandLine(), "--follow needs --efs-root");
        }
        if (invoke && (docsPerRequest < 1 || invokeConcurrency < 1)) {
            throw new ParameterException(spec.commandLine(), "--docs-per-request and --invoke-concurrency must be at least 1");
        }
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
        RunReport ocr = null;
        if (invoke) {
            ocr = invokeOcr(ordered);
            Map<String, DocumentResult> byDoc = new LinkedHashMap<>();
            ocr.results().forEach(r -> byDoc.put(r.docId(), r));
            ordered.replaceAll(f -> f.docId() != null && byDoc.containsKey(f.docId()) ? f.withOcr(byDoc.get(f.docId())) : f);
        }
        BatchFollower.Outcome followed = null;
        if (follow) {
            List<String> keys = ordered.stream().filter(f -> f.key() != null).map(FileResult::key).distinct().toList();
            followed = new BatchFollower(efsRoot, bucket, java.time.Clock.systemUTC())
                    .follow(keys, followTimeout, Duration.ofSeconds(2), spec.commandLine().getErr(), !noProgress);
        }
        SubmitReport report = new SubmitReport(bucket, ordered.size(), count(ordered, "uploaded"), count(ordered, "skipped"),
                count(ordered, "rejected"), ocr == null ? null : InvokeSummary.of(function, ocr), followed, ordered);
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
            if (ocr != null) {
                out.print(ocr.summary());
            }
            if (followed != null) {
                out.printf("followed batch %s: done=%d failed=%d pending=%d%n", followed.batchId(), followed.done(),
                        followed.failed(), followed.pending());
            }
        }
        out.flush();
        if (ocr != null && LambdaTarget.unavailable(ocr.results())) {
            return ExitCodes.UNAVAILABLE;
        }
        boolean ocrOk = ocr == null || ocr.ok() == ocr.documents();
        boolean followOk = followed == null || (followed.failed() == 0 && followed.pending() == 0);
        return report.rejected() == 0 && ocrOk && followOk ? ExitCodes.OK : ExitCodes.DOCUMENTS_FAILED;
    }

    /**
     * Sends the function's batch request format with S3 documents, {@code docsPerRequest} per request. Each
     * distinct content-hash document is invoked once, even when two files carry the same content.
     */
    private RunReport invokeOcr(List<FileResult> files) throws InterruptedException {
        String batch = batchId != null ? Ids.require("batch id", batchId)
                : "s3-" + bucket.replaceAll("[^A-Za-z0-9._-]", "_");
        Map<String, FileResult> byDoc = new LinkedHashMap<>();
        for (FileResult f : files) {
            if (f.docId() != null) {
                byDoc.putIfAbsent(f.docId(), f);
            }
        }
        Map<String, String> shownFiles = new LinkedHashMap<>();
        byDoc.forEach((id, f) -> shownFiles.put(id, f.file()));
        Progress progress = new Progress(spec.commandLine().getErr(), "invoke", byDoc.size(), !noProgress);
        long start = System.nanoTime();
        List<DocumentResult> results;
        try (LambdaClient lambda = AwsClients.lambda(invokeEndpoint, region, timeout)) {
            LambdaTarget target = new LambdaTarget(lambda, new LambdaTarget.Settings(function, invokeConcurrency,
                    docsPerRequest, maxAttempts, Duration.ofMillis(200)));
            results = target.run(batch, new ArrayList<>(byDoc.keySet()), shownFiles, id -> {
                ObjectNode ref = Json.mapper().createObjectNode();
                ref.put("docId", id);
                ref.putObject("s3").put("bucket", bucket).put("key", byDoc.get(id).key());
                return ref;
            }, progress);
        }
        return RunReport.of("lambda", batch, results, Math.round((System.nanoTime() - start) / 1e6));
    }

    private FileResult uploadOne(Path file, S3Uploader uploader, UploadManifest manifest) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return new FileResult(file.toString(), null, null, "rejected", "cannot read file (" + reason(e) + ")", null);
        }
        String sha256 = Sha256.of(bytes);
        // Content-hash id: the same invoice submitted twice (or renamed) maps to the same object and result.
        String docId = "sha256-" + sha256.substring(0, 32);
        String key = normalisedPrefix() + docId + extension(file);
        if (manifest.isDone(docId, bucket, key)) {
            return new FileResult(file.toString(), docId, key, "skipped", "already uploaded", null);
        }
        // Two files with the same content in one run are one object: upload it once.
        String first = claimed.putIfAbsent(docId, file.toString());
        if (first != null) {
            return new FileResult(file.toString(), docId, key, "skipped", "same content as " + first, null);
        }
        String etag = uploader.upload(file, bytes, bucket, key, contentType(file));
        manifest.record(docId, new UploadManifest.Entry(file.toString(), bucket, key, bytes.length, sha256, etag));
        return new FileResult(file.toString(), docId, key, "uploaded", null, null);
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
}
