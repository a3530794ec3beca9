package io.deepreader.efs.seed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.deepreader.ocr.efs.EfsLayout;
import org.slf4j.MDC;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one-off seeding Lambda: mounted on the same EFS access point as the OCR function, it copies a
 * bundle from S3 to EFS with manifest verification, so no EC2 instance is needed to fill the file system.
 * Invoke it with {@code osls invoke -f seed --data '{...}'} (see docs/deploy.md).
 */
public final class SeedHandler implements RequestStreamHandler {
    private final EfsSeeder seeder;
    private final S3Client s3;

    /** Lambda's constructor: EFS_ROOT (default /mnt/efs), AWS_REGION and optional S3_ENDPOINT from the environment. */
    public SeedHandler() {
        this(System.getenv());
    }

    SeedHandler(Map<String, String> env) {
        this(new EfsSeeder(new EfsLayout(Path.of(env.getOrDefault("EFS_ROOT", "/mnt/efs")))), s3From(env));
    }

    public SeedHandler(EfsSeeder seeder, S3Client s3) {
        this.seeder = seeder;
        this.s3 = s3;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (context != null) {
            MDC.put("requestId", context.getAwsRequestId());
        }
        try {
            SeedRequest request = BundleManifest.JSON.readValue(input, SeedRequest.class);
            SeedResult result = seeder.seed(new S3Source(s3, request.bucket(), request.prefix()), request.target(),
                    request.pointer());
            BundleManifest.JSON.writeValue(output, result);
        } finally {
            MDC.clear();
        }
    }

    private static S3Client s3From(Map<String, String> env) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")));
        String endpoint = env.get("S3_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }
}
