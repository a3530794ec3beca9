package io.deepreader.function;

import io.deepreader.ocr.result.ResultJson;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Hands a finished document to the downstream extractor function with an asynchronous (Event) invoke:
 * Lambda queues and retries it, so OCR never waits for extraction. A failed hand-off is logged and
 * reported, never a failure of the OCR result already on EFS.
 */
final class ExtractionTrigger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractionTrigger.class);
    private final String functionName;
    private final LambdaClient lambda;

    private ExtractionTrigger(String functionName, LambdaClient lambda) {
        this.functionName = functionName;
        this.lambda = lambda;
    }

    /** Empty when no EXTRACTOR_FUNCTION is configured (local runs, tests of OCR alone). */
    static Optional<ExtractionTrigger> create(Optional<String> functionName, Optional<URI> endpoint, String region) {
        return functionName.filter(n -> !n.isBlank()).map(name -> {
            var builder = LambdaClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
            endpoint.ifPresent(builder::endpointOverride);
            return new ExtractionTrigger(name, builder.build());
        });
    }

    /** @return whether the extractor accepted the event */
    boolean documentDone(String batchId, String docId) {
        try {
            byte[] payload = ResultJson.mapper().writeValueAsBytes(Map.of("batchId", batchId, "docId", docId));
            int status = lambda.invoke(r -> r.functionName(functionName).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(payload))).statusCode();
            return status == 202;
        } catch (SdkException | java.io.IOException e) {
            LOG.atWarn().addKeyValue("docId", docId).addKeyValue("function", functionName)
                    .addKeyValue("cause", e.toString()).log("extractor hand-off failed");
            return false;
        }
    }

    @Override
    public void close() {
        lambda.close();
    }
}
