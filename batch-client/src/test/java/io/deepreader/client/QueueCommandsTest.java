package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.FunctionConfig;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.function.OcrHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code status} and {@code redrive} against a real SQS server (ElasticMQ in process) and real EFS results. */
class QueueCommandsTest {
    @TempDir
    Path efs;
    private SQSRestServer elasticMq;
    private String endpoint;
    private SqsClient sqs;

    @BeforeEach
    void start() {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = "http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort();
        sqs = AwsClients.sqs(java.net.URI.create(endpoint), "us-east-1");
    }

    @AfterEach
    void stop() {
        sqs.close();
        elasticMq.stopAndWait();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private int depth(String url) {
        var a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Test
    void statusCountsEfsResultsAndQueuesAndRedriveMovesTheDlqBack() throws Exception {
        // Real results: the handler OCRs one good page and records one corrupt file.
        Files.createDirectories(efs.resolve("inbox"));
        Files.copy(Path.of(System.getProperty("shared.dir", "../../shared"), "data", "tesseract-testing", "phototest.tif"),
                efs.resolve("inbox/good.tif"));
        Files.write(efs.resolve("inbox/bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2});
        try (FunctionEnvironment env = new FunctionEnvironment(FunctionConfig.fromEnv(Map.of("EFS_ROOT", efs.toString(),
                "OCR_WORKERS", "1", "DETECTOR", "opencv")))) {
            byte[] request = """
                    {"batchId":"s3-uploads","documents":[{"docId":"good","efsPath":"inbox/good.tif"},
                     {"docId":"bad","efsPath":"inbox/bad.png"}]}""".getBytes(StandardCharsets.UTF_8);
            new OcrHandler(env).handleRequest(new ByteArrayInputStream(request), new ByteArrayOutputStream(), null);
        }
        String queue = sqs.createQueue(r -> r.queueName("uploads")).queueUrl();
        String dlq = sqs.createQueue(r -> r.queueName("uploads-dlq")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody("pending-1"));
        for (int i = 0; i < 13; i++) {
            String body = "dead-" + i;
            sqs.sendMessage(r -> r.queueUrl(dlq).messageBody(body));
        }

        Result status = cli("status", "s3-uploads", "--efs-root", efs.toString(), "--queue", queue, "--dlq", dlq,
                "--sqs-endpoint", endpoint, "--json");
        JsonNode json = Json.mapper().readTree(status.out());
        assertThat(json.get("done").asInt()).isEqualTo(1);
        assertThat(json.get("failed").asInt()).isEqualTo(1);
        assertThat(json.at("/failedByType/CorruptDocument").asInt()).isEqualTo(1);
        assertThat(json.get("pending").asInt()).isEqualTo(1);
        assertThat(json.get("inDlq").asInt()).isEqualTo(13);
        assertThat(status.code()).isEqualTo(ExitCodes.DOCUMENTS_FAILED);
        Result bar = cli("status", "s3-uploads", "--efs-root", efs.toString());
        assertThat(bar.err()).contains("done=1 failed=1 pending=? dlq=?").contains("[");

        Result redrive = cli("redrive", "--dlq", dlq, "--queue", queue, "--sqs-endpoint", endpoint, "--json");
        assertThat(redrive.code()).as(redrive.err()).isZero();
        assertThat(Json.mapper().readTree(redrive.out()).get("moved").asInt()).isEqualTo(13);
        assertThat(depth(dlq)).isZero();
        assertThat(depth(queue)).isEqualTo(14);
    }
}
