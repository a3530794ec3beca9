package io.deepreader.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.efs.Ids;
import io.deepreader.ocr.efs.InvalidIdException;
import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentTask;
import io.deepreader.ocr.pipeline.OcrPipeline;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The OCR Lambda: parse the batch (or S3 event, or SQS event of S3 notifications), run it, answer per-document
 * statuses (for SQS: the messages to retry). A document with
 * a bad id or source fails alone; only a request that is not a batch at all fails the invocation.
 */
public final class OcrHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OcrHandler.class);
    /** MDC key of Lambda's request id: every line of an invocation carries it. */
    public static final String REQUEST_ID = "requestId";
    private final FunctionEnvironment environment;
    /** Responses are compact: pretty-printing a large batch's statuses cost a third of Lambda's 6 MB cap. */
    private static final ObjectWriter COMPACT = ResultJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    /**
     * Lambda's constructor: the environment is created once per execution environment. Under a Runtime API
     * client (Lambda itself, or serve mode's process mode: {@code AWS_LAMBDA_RUNTIME_API} is set) it is built
     * here, in the runtime's init phase, so a missing or corrupt CTPN model fails the init ({@code ModelNotFoundException}
     * reaches the caller as Lambda's init error, and the next invocation retries in a fresh environment);
     * anywhere else (in-process serve mode, tests) on first use. On Lambda the init phase also runs with the
     * full CPU of the memory size and is capped at 10 s (on-demand); a longer cold start (TensorFlow natives
     * from EFS) is re-run inside the first invocation's timeout, which then pays it once more.
     */
    public OcrHandler() {
        this(System.getenv("AWS_LAMBDA_RUNTIME_API") != null ? FunctionEnvironment.shared() : null);
    }

    public OcrHandler(FunctionEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? "local" : context.getAwsRequestId();
        // Set before the environment is created, so even the cold start's lines carry the request id.
        MDC.put(REQUEST_ID, requestId);
        try {
            handle(input, output, context);
        } finally {
            MDC.clear();
        }
    }

    private void handle(InputStream input, OutputStream output, Context context) throws IOException {
        FunctionEnvironment env = environment != null ? environment : FunctionEnvironment.shared();
        // Before the batch, so a sweep never runs into the deadline; bounded, and skipped within its interval.
        env.leftovers().sweepIfDue();
        LongSupplier remaining = context == null ? () -> Long.MAX_VALUE : () -> context.getRemainingTimeInMillis();
        byte[] body = input.readAllBytes();
        JsonNode root = readTreeOrNull(body);
        if (root != null && SqsEvent.isSqsEvent(root)) {
            // An event source mapping's batch: answer which messages must come back (ReportBatchItemFailures).
            SqsBatchResponse response = SqsBatch.run(SqsEvent.parse(root), request -> run(env, request, remaining).documents());
            COMPACT.writeValue(output, response);
            return;
        }
        BatchRequest request;
        try {
            request = RequestParser.parse(new ByteArrayInputStream(body));
        } catch (InvalidRequestException | InvalidIdException e) {
            // Nothing of the request can run and a retry cannot help: a typed answer, not a stack trace.
            String type = e instanceof InvalidIdException ? "InvalidId" : "InvalidRequest";
            LOG.atWarn().addKeyValue("errorType", type).addKeyValue("errorMessage", e.getMessage()).log("request rejected");
            COMPACT.writeValue(output, new RequestError(null, type, e.getMessage()));
            return;
        }
        BatchResponse response = run(env, request, remaining);
        writeSummary(env, request.batchId(), context, response);
        COMPACT.writeValue(output, response);
    }

    /** Not JSON at all: RequestParser gives the typed answer. */
    private static JsonNode readTreeOrNull(byte[] body) {
        try {
            return ResultJson.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Runs one batch; one outcome per document, in request order. */
    private static BatchResponse run(FunctionEnvironment env, BatchRequest request, LongSupplier remaining) {
        long start = System.nanoTime();
        MDC.put(OcrPipeline.BATCH_ID, request.batchId());
        Map<Integer, DocumentOutcome> rejected = new HashMap<>();
        List<DocumentTask> tasks = new ArrayList<>();
        List<Integer> taskIndex = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.documents().size(); i++) {
            BatchRequest.DocumentRef ref = request.documents().get(i);
            if (ref == null) {
                rejected.put(i, DocumentOutcome.failed(null, "InvalidRequest",
                        "documents[" + i + "] is not a {docId, efsPath | s3} object", 0));
                continue;
            }
            if (ref.docId() != null && !seen.add(ref.docId())) {
                // Two entries would write one output set: the first is processed, the later ones are refused.
                rejected.put(i, DocumentOutcome.failed(ref.docId(), "DuplicateDocId",
                        "docId " + ref.docId() + " appears more than once in this request; only its first entry is processed", 0));
                continue;
            }
            try {
                tasks.add(new DocumentTask(ref.docId(), env.sources().of(ref)));
                taskIndex.add(i);
            } catch (InvalidIdException e) {
                rejected.put(i, DocumentOutcome.failed(String.valueOf(ref.docId()), "InvalidId", e.getMessage(), 0));
            } catch (IllegalArgumentException e) {
                rejected.put(i, DocumentOutcome.failed(String.valueOf(ref.docId()), "InvalidRequest", e.getMessage(), 0));
            }
        }
        List<DocumentOutcome> done = env.batch().run(request.batchId(), tasks, remaining, env.config().marginMillis(), o -> { });
        DocumentOutcome[] ordered = new DocumentOutcome[request.documents().size()];
        rejected.forEach((i, o) -> ordered[i] = o);
        for (int k = 0; k < done.size(); k++) {
            ordered[taskIndex.get(k)] = done.get(k);
        }
        // Documents answered from earlier outputs were handed off when they were first done.
        env.extraction().ifPresent(trigger -> done.stream().filter(o -> o.isOk() && !o.reused())
                .forEach(o -> trigger.documentDone(request.batchId(), o.docId())));
        BatchResponse response = BatchResponse.of(request.batchId(), env.batch().pipeline().detectorName(), List.of(ordered));
        LOG.atInfo().addKeyValue("documents", request.documents().size()).addKeyValue("ok", response.ok())
                .addKeyValue("failed", response.failed()).addKeyValue("deferred", response.deferred())
                .addKeyValue("detector", response.detector())
                .addKeyValue("totalMs", Math.round((System.nanoTime() - start) / 1e6)).log("batch done");
        return response;
    }

    /** Kept beside the outputs; a summary that cannot be written costs nothing but the copy. */
    private static void writeSummary(FunctionEnvironment env, String batchId, Context context, BatchResponse response) {
        String invocation = context != null && Ids.isValid(context.getAwsRequestId())
                ? context.getAwsRequestId() : "local-" + UUID.randomUUID();
        try {
            AtomicFiles.write(env.layout().batchSummary(batchId, invocation), out -> COMPACT.writeValue(out, response));
        } catch (IOException | RuntimeException e) {
            LOG.atWarn().addKeyValue("cause", e.toString()).log("could not write the batch summary");
        }
    }
}
