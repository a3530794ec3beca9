package io.deepreader.function;

import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentStatus;
import java.util.List;

/** Per-document statuses; a bad document is a FAILED entry here, never a failed invocation. */
public record BatchResponse(String batchId, String detector, int ok, int failed, int deferred, List<DocumentOutcome> documents) {

    public static BatchResponse of(String batchId, String detector, List<DocumentOutcome> outcomes) {
        return new BatchResponse(batchId, detector, count(outcomes, DocumentStatus.OK), count(outcomes, DocumentStatus.FAILED),
                count(outcomes, DocumentStatus.DEFERRED), List.copyOf(outcomes));
    }

    private static int count(List<DocumentOutcome> outcomes, DocumentStatus status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }
}
