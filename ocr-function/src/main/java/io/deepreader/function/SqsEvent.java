package io.deepreader.function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.result.ResultJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An SQS event from an event source mapping whose queue receives the uploads bucket's S3 notifications.
 * Each message body is an S3 event notification ({@code {"Records":[{"s3":...}]}}), converted exactly as a
 * direct S3 event is ({@link RequestParser}), or the {@code s3:TestEvent} S3 sends once when the
 * notification is configured.
 *
 * @param messages in event order
 */
record SqsEvent(List<Message> messages) {

    SqsEvent {
        messages = List.copyOf(messages);
    }

    /**
     * One SQS message: what it asks for, or why it cannot be read.
     *
     * @param messageId the id Lambda expects back in {@code batchItemFailures}
     * @param request   the S3 notification as a batch; empty for a test event or an unreadable body
     * @param testEvent S3's {@code s3:TestEvent}: nothing to do, acknowledge it
     * @param problem   why the body is not an S3 notification (null when it is)
     */
    record Message(String messageId, Optional<BatchRequest> request, boolean testEvent, String problem) {
    }

    /** Lambda's SQS events carry {@code Records[*].eventSource = "aws:sqs"}; S3 events carry "aws:s3". */
    static boolean isSqsEvent(JsonNode root) {
        JsonNode records = root.path("Records");
        return records.isArray() && !records.isEmpty() && "aws:sqs".equals(records.get(0).path("eventSource").asText());
    }

    static SqsEvent parse(JsonNode root) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            String messageId = record.path("messageId").asText(null);
            if (messageId == null || messageId.isBlank()) {
                // Lambda cannot be told which message failed without its id: fail the invocation instead.
                throw new IllegalArgumentException("SQS record without a messageId");
            }
            messages.add(message(messageId, record.path("body").asText("")));
        }
        return new SqsEvent(messages);
    }

    private static Message message(String messageId, String body) {
        JsonNode notification;
        try {
            notification = ResultJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return new Message(messageId, Optional.empty(), false, "body is not JSON: " + e.getOriginalMessage());
        }
        if (notification != null && "s3:TestEvent".equals(notification.path("Event").asText())) {
            return new Message(messageId, Optional.empty(), true, null);
        }
        if (notification == null || !notification.path("Records").isArray() || notification.path("Records").isEmpty()
                || !notification.path("Records").get(0).path("s3").isObject()) {
            return new Message(messageId, Optional.empty(), false, "body is not an S3 event notification");
        }
        try {
            return new Message(messageId, Optional.of(RequestParser.parse(
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))), false, null);
        } catch (IOException | IllegalArgumentException e) {
            return new Message(messageId, Optional.empty(), false, "cannot read the S3 notification: " + e.getMessage());
        }
    }
}
