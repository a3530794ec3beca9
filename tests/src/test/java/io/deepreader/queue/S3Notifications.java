package io.deepreader.queue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Message bodies exactly as S3 writes them to a queue (event notification structure, version 2.1). */
final class S3Notifications {
    private S3Notifications() {
    }

    static String objectCreated(String bucket, String key, long size, long sequence) {
        // S3 URL-encodes keys in notifications, spaces as '+'.
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",\
                "eventTime":"%s","eventName":"ObjectCreated:Put",\
                "userIdentity":{"principalId":"AWS:EXAMPLE"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},\
                "responseElements":{"x-amz-request-id":"R%d","x-amz-id-2":"EXAMPLE"},\
                "s3":{"s3SchemaVersion":"1.0","configurationId":"uploads-to-queue",\
                "bucket":{"name":"%s","ownerIdentity":{"principalId":"EXAMPLE"},"arn":"arn:aws:s3:::%s"},\
                "object":{"key":"%s","size":%d,"eTag":"0123456789abcdef0123456789abcdef","sequencer":"%016X"}}}]}"""
                .formatted(Instant.now(), sequence, bucket, bucket, encoded, size, sequence);
    }

    /** What S3 sends once when the notification configuration is saved. */
    static String testEvent(String bucket) {
        return """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"%s","Bucket":"%s",\
                "RequestId":"TEST","HostId":"EXAMPLE"}""".formatted(Instant.now(), bucket);
    }
}
