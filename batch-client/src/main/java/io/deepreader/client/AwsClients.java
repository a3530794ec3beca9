package io.deepreader.client;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients. With an endpoint override (serve mode, S3Mock, MinIO) and no AWS profile,
 * dummy credentials are used: local stand-ins do not check signatures.
 */
public final class AwsClients {
    private AwsClients() {
    }

    private static AwsCredentialsProvider credentials(URI endpoint) {
        boolean hasAws = System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null;
        return endpoint != null && !hasAws
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.create();
    }

    /** The client retries nothing itself: LambdaTarget owns backoff so throttling is visible and bounded. */
    public static LambdaClient lambda(URI endpoint, String region, Duration timeout) {
        var builder = LambdaClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(endpoint))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(timeout).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** S3 uploads use the SDK's standard retry strategy (throttling, 5xx, connection resets). */
    public static S3Client s3(URI endpoint, String region, int maxAttempts) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(endpoint))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(maxAttempts).build()));
        if (endpoint != null) {
            builder.endpointOverride(endpoint).forcePathStyle(true);
        }
        return builder.build();
    }

    /** SQS (queue depths, redrive), or an SQS-compatible server such as ElasticMQ. */
    public static SqsClient sqs(URI endpoint, String region) {
        var builder = SqsClient.builder().region(Region.of(region)).credentialsProvider(credentials(endpoint))
                .httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}
