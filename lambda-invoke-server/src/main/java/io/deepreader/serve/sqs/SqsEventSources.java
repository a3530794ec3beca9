package io.deepreader.serve.sqs;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Serve mode's {@code --sqs-event-source} flags: split off the command line, then started beside the server. */
public final class SqsEventSources implements AutoCloseable {
    private final List<AutoCloseable> resources;

    private SqsEventSources(List<AutoCloseable> resources) {
        this.resources = resources;
    }

    /** The command line without its {@code --sqs-event-source SPEC} pairs, and those specs parsed. */
    public record CommandLine(String[] rest, List<SqsEventSource> sources) {
    }

    public static CommandLine split(String[] args) {
        List<String> rest = new ArrayList<>();
        List<SqsEventSource> sources = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sqs-event-source")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after --sqs-event-source");
                }
                sources.add(SqsEventSource.parse(args[++i]));
            } else {
                rest.add(args[i]);
            }
        }
        return new CommandLine(rest.toArray(String[]::new), List.copyOf(sources));
    }

    /**
     * Starts one mapping per source against the serve endpoint. The Invoke client does not retry (a
     * failed invoke returns the batch to the queue, as with Lambda) and reads for longer than the timeout.
     */
    public static SqsEventSources start(List<SqsEventSource> sources, URI invokeEndpoint, String region,
                                        Duration functionTimeout, Clock clock) {
        List<AutoCloseable> resources = new ArrayList<>();
        for (SqsEventSource source : sources) {
            var sqsBuilder = SqsClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(DefaultCredentialsProvider.create());
            source.sqsEndpoint().ifPresent(sqsBuilder::endpointOverride);
            SqsClient sqs = sqsBuilder.build();
            LambdaClient lambda = LambdaClient.builder().region(Region.of(region)).endpointOverride(invokeEndpoint)
                    // Serve mode does not check signatures; nothing here is an AWS credential.
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("serve", "serve")))
                    .httpClient(UrlConnectionHttpClient.builder().socketTimeout(functionTimeout.plusSeconds(60)).build())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                            .apiCallTimeout(functionTimeout.plusSeconds(90)))
                    .build();
            // Closed in reverse: the mapping stops before its clients close.
            resources.add(sqs);
            resources.add(lambda);
            resources.add(SqsEventSourceMapping.start(source, sqs, lambda, clock));
        }
        return new SqsEventSources(resources);
    }

    /** The first mapping's counters (tests start one). */
    public SqsEventSourceMapping.Stats stats() {
        return resources.stream().filter(SqsEventSourceMapping.class::isInstance).map(SqsEventSourceMapping.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("no event source mapping")).stats();
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // Shutting down: the next resource still closes.
            }
        }
    }
}
