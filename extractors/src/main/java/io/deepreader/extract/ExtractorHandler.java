package io.deepreader.extract;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extractor Lambda function: {@code {"batchId": "...", "docId": "...", "formats": ["HOCR", ...]}}
 * in ({@code formats} optional), an {@link ExtractResponse} out. Invoked asynchronously by the OCR
 * function or the batch client once a document's OCR is complete.
 */
public final class ExtractorHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractorHandler.class);

    private final DocumentExtractor extractor;

    /** Lambda's constructor: the per-environment extractor, built once from the environment. */
    public ExtractorHandler() {
        this(Holder.EXTRACTOR);
    }

    public ExtractorHandler(DocumentExtractor extractor) {
        this.extractor = extractor;
    }

    /** Cold-start state: created once per execution environment, on first use (class initialisation is thread-safe). */
    private static final class Holder {
        static final DocumentExtractor EXTRACTOR = new DocumentExtractor(ExtractorConfig.fromEnv(System.getenv()));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? null : context.getAwsRequestId();
        ExtractResponse response;
        ExtractRequest request;
        try {
            request = ResultJson.mapper().readValue(input, ExtractRequest.class);
        } catch (JsonProcessingException e) {
            request = null;
        }
        if (request == null) {
            response = ExtractResponse.failed(ExtractResponse.INVALID_REQUEST, null, null,
                    "expected {\"batchId\": ..., \"docId\": ...}", 0);
        } else {
            try {
                response = extractor.extract(request);
            } catch (IOException | UncheckedIOException e) {
                log("error", requestId, request.batchId(), request.docId(), Map.of("error", String.valueOf(e)));
                throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("status", response.status());
        fields.put("pages", response.pages());
        fields.put("outputs", response.outputs().size());
        fields.put("ms", response.millis());
        if (response.errorMessage() != null) {
            fields.put("error", response.errorMessage());
        }
        log(ExtractResponse.OK.equals(response.status()) ? "info" : "warn", requestId, response.batchId(), response.docId(), fields);
        ResultJson.mapper().writeValue(output, response);
    }

    /** One JSON object per line, as CloudWatch Logs Insights reads them. */
    private static void log(String level, String requestId, String batchId, String docId, Map<String, Object> fields) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("event", "extract");
        entry.put("requestId", requestId);
        entry.put("batchId", batchId);
        entry.put("docId", docId);
        entry.putAll(fields);
        String json;
        try {
            json = ResultJson.mapper().writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            json = entry.toString();
        }
        switch (level) {
            case "error" -> LOG.error(json);
            case "warn" -> LOG.warn(json);
            default -> LOG.info(json);
        }
    }
}
