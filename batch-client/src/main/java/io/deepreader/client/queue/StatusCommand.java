package io.deepreader.client.queue;

import io.deepreader.client.AwsClients;
import io.deepreader.client.ExitCodes;
import io.deepreader.client.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code status BATCH}: done / failed from EFS, pending / in DLQ from the queues; {@code --follow} until drained. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show a batch's progress: done and failed documents (EFS results), pending and dead-lettered",
                "messages (the uploads queue and its DLQ). Uploads go to batch s3-<bucket>."})
public final class StatusCommand implements Callable<Integer> {
    private static final int WIDTH = 30;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BATCH")
    String batchId;

    @Option(names = "--efs-root", required = true, description = "the EFS mount (or its local copy)")
    Path efsRoot;

    @Option(names = "--queue", description = "the uploads queue URL: its visible + in-flight messages are pending")
    String queueUrl;

    @Option(names = "--dlq", description = "the uploads dead-letter queue URL")
    String dlqUrl;

    @Option(names = "--sqs-endpoint", description = "an SQS-compatible endpoint (ElasticMQ)")
    URI sqsEndpoint;

    @Option(names = "--region", defaultValue = "us-east-1")
    String region;

    @Option(names = "--follow", description = "poll until the queue is drained")
    boolean follow;

    @Option(names = "--interval", defaultValue = "PT5S", description = "poll interval with --follow (ISO-8601, default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--json", description = "print the status as JSON on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try (SqsClient sqs = queueUrl == null && dlqUrl == null ? null : AwsClients.sqs(sqsEndpoint, region)) {
            while (true) {
                BatchStatus status = BatchStatus.fromEfs(efsRoot, batchId, depth(sqs, queueUrl), depth(sqs, dlqUrl));
                if (!json) {
                    err.print("\r" + bar(status));
                    err.flush();
                }
                if (!follow || status.finished() || status.pending() < 0) {
                    if (!json) {
                        err.println();
                    }
                    if (json) {
                        out.println(Json.mapper().writeValueAsString(status));
                    }
                    return status.failed() == 0 && status.inDlq() <= 0 && status.pending() <= 0
                            ? ExitCodes.OK : ExitCodes.DOCUMENTS_FAILED;
                }
                Thread.sleep(interval.toMillis());
            }
        }
    }

    static String bar(BatchStatus s) {
        int total = Math.max(1, s.total());
        int filled = (s.done() + s.failed()) * WIDTH / total;
        return String.format(Locale.ROOT, "%s [%s%s] done=%d failed=%d pending=%s dlq=%s", s.batchId(), "#".repeat(filled),
                " ".repeat(WIDTH - filled), s.done(), s.failed(), s.pending() < 0 ? "?" : s.pending(),
                s.inDlq() < 0 ? "?" : s.inDlq());
    }

    private static int depth(SqsClient sqs, String url) {
        if (url == null) {
            return -1;
        }
        var a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
