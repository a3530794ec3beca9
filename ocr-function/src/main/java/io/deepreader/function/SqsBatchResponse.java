package io.deepreader.function;

import java.util.List;

/**
 * Lambda's partial batch response for SQS ({@code ReportBatchItemFailures}): the messages named here
 * return to the queue after their visibility timeout; every other message of the batch is deleted.
 */
public record SqsBatchResponse(List<ItemFailure> batchItemFailures) {

    public SqsBatchResponse {
        batchItemFailures = List.copyOf(batchItemFailures);
    }

    public record ItemFailure(String itemIdentifier) {
    }
}
