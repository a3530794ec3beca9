package io.deepreader.client.run;

import io.deepreader.client.AwsClients;
import io.deepreader.client.ExitCodes;
import io.deepreader.client.Json;
import io.deepreader.client.Progress;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.Ids;
import io.deepreader.ocr.pdftext.PdfTextMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Processes a folder: in this process ({@code local}) or through the OCR function ({@code lambda}). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "OCR a folder or files, locally in-process or by invoking the OCR function.")
public final class RunCommand implements Callable<Integer> {
    public enum Target { local, lambda }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILES", description = "documents (PNG, JPEG, TIFF, PDF) or folders of them")
    List<Path> inputs;

    @Option(names = "--target", defaultValue = "local", description = "local | lambda (default: ${DEFAULT-VALUE})")
    Target target;

    @Option(names = "--efs-root", description = "local: where outputs go; lambda: the function's EFS_ROOT as mounted "
            + "here, inputs are staged into EFS_ROOT/inbox/BATCH/")
    Path efsRoot;

    @Option(names = "--efs-prefix", description = "lambda: inputs already sit on EFS under this relative folder")
    String efsPrefix;

    @Option(names = "--batch-id", description = "default: run-<timestamp>")
    String batchId;

    @Option(names = "--workers", defaultValue = "2", description = "local: documents in parallel (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--detector", defaultValue = "ctpn",
            description = "local: ctpn (model seeded under EFS_ROOT/models/ctpn) or opencv (default: ${DEFAULT-VALUE})")
    String detector;

    @Option(names = "--detect-orientation", description = "local: turn pages scanned at 90/180/270 degrees upright "
            + "first (Tesseract OSD, ~0.4-1.2 s a page; the function's DETECT_ORIENTATION)")
    boolean detectOrientation;

    @Option(names = "--pdf-text", defaultValue = "auto", description = "local: auto (PDF pages with a usable text "
            + "layer are read from it, the rest OCRed), never (OCR every page) or always; the function's PDF_TEXT "
            + "(default: ${DEFAULT-VALUE})")
    String pdfText;

    @Option(names = "--model-version", description = "local: CTPN model version under EFS_ROOT/models/ctpn "
            + "(default: the one models/ctpn/current names; the function's CTPN_MODEL_VERSION)")
    String modelVersion;

    @Option(names = "--tf-threads", defaultValue = "0", description = "local: TensorFlow intra-op threads, 0 = all cores "
            + "(default: ${DEFAULT-VALUE}; the function's TF_INTRA_OP_THREADS)")
    int tfThreads;

    @Option(names = "--tessdata", description = "local: tessdata folder (default: TESSDATA_PREFIX or well-known places)")
    String tessdata;

    @Option(names = "--endpoint", description = "lambda: Invoke API endpoint, e.g. http://127.0.0.1:9001 (default: AWS)")
    URI endpoint;

    @Option(names = "--function", defaultValue = "deepreader-ocr", description = "lambda: function name (default: ${DEFAULT-VALUE})")
    String function;

    @Option(names = "--region", defaultValue = "us-east-1")
    String region;

    @Option(names = "--concurrency", defaultValue = "4", description = "lambda: requests in flight (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--batch-size", defaultValue = "1", description = "lambda: documents per invoke (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--max-attempts", defaultValue = "6", description = "lambda: attempts per document on function errors/deferral; throttling has its own budget (default: ${DEFAULT-VALUE})")
    int maxAttempts;

    @Option(names = "--timeout", defaultValue = "PT15M", description = "lambda: per-invoke timeout (ISO-8601, default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--report", description = "also write the JSON report to this file")
    Path reportFile;

    @Option(names = "--json", description = "print the report as JSON on stdout")
    boolean json;

    @Option(names = "--no-progress", negatable = false, description = "no progress bar on stderr")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        List<InputDocument> docs = InputDocument.expand(inputs);
        String batch = batchId != null ? Ids.require("batch id", batchId)
                : "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Progress progress = new Progress(spec.commandLine().getErr(), target.name(), docs.size(), !noProgress);
        long start = System.nanoTime();
        List<DocumentResult> results = switch (target) {
            case local -> runLocal(batch, docs, progress);
            case lambda -> runLambda(batch, docs, progress);
        };
        RunReport report = RunReport.of(target.name(), batch, results, Math.round((System.nanoTime() - start) / 1e6));
        if (reportFile != null) {
            AtomicFiles.writeBytes(reportFile, Json.mapper().writeValueAsBytes(report));
        }
        var out = spec.commandLine().getOut();
        out.print(json ? Json.mapper().writeValueAsString(report) + System.lineSeparator() : report.summary());
        out.flush();
        return ExitCodes.of(report);
    }

    private List<DocumentResult> runLocal(String batch, List<InputDocument> docs, Progress progress) {
        if (efsRoot == null) {
            throw new ParameterException(spec.commandLine(), "--target local needs --efs-root (where results are written)");
        }
        if (tfThreads < 0) {
            throw new ParameterException(spec.commandLine(), "--tf-threads must be 0 (all cores) or more");
        }
        FunctionConfig.Ctpn ctpn = new FunctionConfig.Ctpn(modelVersion, tfThreads, Optional.empty());
        PdfTextMode pdfTextMode;
        try {
            pdfTextMode = PdfTextMode.parse(pdfText);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--pdf-text must be auto, never or always, not " + pdfText);
        }
        FunctionConfig config = LocalTarget.config(efsRoot, tessdata, workers, detector, detectOrientation, ctpn,
                pdfTextMode);
        try (LocalTarget local = new LocalTarget(new FunctionEnvironment(config))) {
            return local.run(batch, docs, progress);
        }
    }

    private List<DocumentResult> runLambda(String batch, List<InputDocument> docs, Progress progress)
            throws IOException, InterruptedException {
        if ((efsRoot == null) == (efsPrefix == null)) {
            throw new ParameterException(spec.commandLine(),
                    "--target lambda needs exactly one of --efs-root (stage inputs) or --efs-prefix (inputs already on EFS)");
        }
        Map<String, String> files = new LinkedHashMap<>();
        docs.forEach(doc -> files.put(doc.docId(), doc.path().toString()));
        Map<String, String> efsPaths = efsRoot != null ? EfsStaging.stage(efsRoot, batch, docs)
                : EfsStaging.existing(efsPrefix, docs);
        try (LambdaClient client = AwsClients.lambda(endpoint, region, timeout)) {
            LambdaTarget lambdaTarget = new LambdaTarget(client,
                    new LambdaTarget.Settings(function, concurrency, batchSize, maxAttempts, Duration.ofMillis(200)));
            return lambdaTarget.run(batch, new ArrayList<>(files.keySet()), files, EfsStaging.locator(efsPaths), progress);
        }
    }
}
