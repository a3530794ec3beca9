package io.deepreader.function;

import io.deepreader.ocr.pipeline.DocumentOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the documents of an SQS event and answers which messages must come back. All messages' documents
 * of one batch id run as one batch (the workers stay busy across messages); a message is reported failed
 * when any of its documents failed transiently or its body could not be read (after maxReceiveCount such
 * a message lands in the dead-letter queue: a trace, never a silent loss).
 */
final class SqsBatch {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    private SqsBatch() {
    }

    /** @param runner runs one batch and answers one outcome per document, in request order */
    static SqsBatchResponse run(SqsEvent event, Function<BatchRequest, List<DocumentOutcome>> runner) {
        Set<String> failed = new LinkedHashSet<>();
        // batch id -> the documents of every message in that batch, and which message each came from
        Map<String, List<BatchRequest.DocumentRef>> documents = new LinkedHashMap<>();
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (SqsEvent.Message message : event.messages()) {
            if (message.testEvent()) {
                LOG.atInfo().addKeyValue("messageId", message.messageId()).log("s3:TestEvent acknowledged");
                continue;
            }
            if (message.request().isEmpty()) {
                LOG.atWarn().addKeyValue("messageId", message.messageId()).addKeyValue("problem", message.problem())
                        .log("unreadable SQS message left for the dead-letter queue");
                failed.add(message.messageId());
                continue;
            }
            BatchRequest request = message.request().get();
            for (BatchRequest.DocumentRef ref : request.documents()) {
                documents.computeIfAbsent(request.batchId(), b -> new ArrayList<>()).add(ref);
                owners.computeIfAbsent(request.batchId(), b -> new ArrayList<>()).add(message.messageId());
            }
        }
        int permanent = 0;
        int transientFailures = 0;
        for (var batch : documents.entrySet()) {
            List<DocumentOutcome> outcomes = runner.apply(new BatchRequest(batch.getKey(), batch.getValue()));
            List<String> messageIds = owners.get(batch.getKey());
            for (int i = 0; i < outcomes.size(); i++) {
                switch (FailureKind.of(outcomes.get(i))) {
                    case TRANSIENT -> {
                        failed.add(messageIds.get(i));
                        transientFailures++;
                    }
                    case PERMANENT -> permanent++;
                    case NONE -> { }
                }
            }
        }
        LOG.atInfo().addKeyValue("messages", event.messages().size()).addKeyValue("transient", transientFailures)
                .addKeyValue("permanent", permanent).addKeyValue("batchItemFailures", failed.size()).log("sqs batch done");
        return new SqsBatchResponse(failed.stream().map(SqsBatchResponse.ItemFailure::new).toList());
    }
}
