package io.deepreader.extract;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

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
        if (context != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        try {
            handle(input, output);
        } finally {
            MDC.clear();
        }
    }

    private void handle(InputStream input, OutputStream output) throws IOException {
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
            MDC.put("batchId", request.batchId());
            MDC.put("docId", request.docId());
            try {
                response = extractor.extract(request);
            } catch (IOException | UncheckedIOException e) {
                LOG.atError().addKeyValue("cause", String.valueOf(e)).log("extraction failed");
                throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            }
        }
        boolean ok = ExtractResponse.OK.equals(response.status());
        LOG.atLevel(ok ? Level.INFO : Level.WARN).addKeyValue("status", response.status())
                .addKeyValue("pages", response.pages()).addKeyValue("outputs", response.outputs().size())
                .addKeyValue("totalMs", response.millis()).addKeyValue("errorMessage", response.errorMessage())
                .log(ok ? "document extracted" : "document not extracted");
        ResultJson.mapper().writeValue(output, response);
    }
}
