package io.deepreader.function;

import io.deepreader.ocr.pipeline.DocumentOutcome;
import io.deepreader.ocr.pipeline.DocumentStatus;
import java.util.Set;

/**
 * Whether sending a document again can change its outcome. Transient failures go back to the queue
 * (and, if they persist, to the dead-letter queue); permanent ones are recorded on EFS and acknowledged,
 * so a poison file never cycles through the queue until it lands in the DLQ.
 */
enum FailureKind {
    NONE, TRANSIENT, PERMANENT;

    /**
     * Source unreachable (S3 503 after the SDK's retries), output write failed (EFS), not started in time,
     * a worker that died. InternalError counts as transient too: an unknown fault must end in the DLQ,
     * where someone sees it, rather than be acknowledged and forgotten.
     */
    private static final Set<String> TRANSIENT_TYPES = Set.of("SourceUnavailable", "OutputWriteFailed", "Deferred",
            "WorkerCrashed", "InternalError");

    static FailureKind of(DocumentOutcome outcome) {
        if (outcome.status() == DocumentStatus.OK) {
            return NONE;
        }
        if (outcome.status() == DocumentStatus.DEFERRED || TRANSIENT_TYPES.contains(outcome.errorType())) {
            return TRANSIENT;
        }
        return PERMANENT;
    }
}
