package io.deepreader.client.queue;

import io.deepreader.client.AwsClients;
import io.deepreader.client.ExitCodes;
import io.deepreader.client.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Moves dead-lettered upload messages back to the uploads queue: receive, send, then delete only what was
 * sent, so a failure half-way duplicates a message (harmless: outputs are reused) and never loses one.
 * Written with receive/send/delete rather than SQS's StartMessageMoveTask so it also works against
 * ElasticMQ and other SQS-compatible servers, which do not implement move tasks.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Move messages from the uploads dead-letter queue back to the uploads queue.")
public final class RedriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dlq", required = true, description = "the dead-letter queue URL")
    String dlqUrl;

    @Option(names = "--queue", required = true, description = "the queue to move the messages back to")
    String queueUrl;

    @Option(names = "--sqs-endpoint")
    URI sqsEndpoint;

    @Option(names = "--region", defaultValue = "us-east-1")
    String region;

    @Option(names = "--max", defaultValue = "100000", description = "move at most this many (default ${DEFAULT-VALUE})")
    int max;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int moved = 0;
        int failed = 0;
        try (SqsClient sqs = AwsClients.sqs(sqsEndpoint, region)) {
            while (moved < max) {
                int want = Math.min(10, max - moved);
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(want).waitTimeSeconds(1)
                        .visibilityTimeout(60)).messages();
                if (batch.isEmpty()) {
                    break;
                }
                Map<String, Message> byId = new LinkedHashMap<>();
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    byId.put("m" + i, batch.get(i));
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(batch.get(i).body()).build());
                }
                var sent = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
                failed += sent.failed().size();
                var deletes = sent.successful().stream().map(s -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry
                        .builder().id(s.id()).receiptHandle(byId.get(s.id()).receiptHandle()).build()).toList();
                if (!deletes.isEmpty()) {
                    sqs.deleteMessageBatch(r -> r.queueUrl(dlqUrl).entries(deletes));
                }
                moved += deletes.size();
                if (!sent.failed().isEmpty()) {
                    break; // the target refuses: stop rather than spin; the rest reappear in the DLQ
                }
            }
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(Map.of("moved", moved, "failed", failed)));
        } else {
            out.println("moved " + moved + " message(s) back to " + queueUrl + (failed > 0 ? ", " + failed + " refused" : ""));
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }
}
