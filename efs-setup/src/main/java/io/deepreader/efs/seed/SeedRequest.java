package io.deepreader.efs.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the seeding function is asked: copy the bundle at {@code s3://bucket/prefix} to {@code target}
 * under the EFS root and, optionally, point {@code pointer} at it.
 * Example: {@code {"bucket":"acme-uploads","prefix":"seed/models/ctpn/v3/","target":"models/ctpn/v3",
 * "pointer":"models/ctpn/current"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeedRequest(String bucket, String prefix, String target, String pointer) {

    public SeedRequest {
        if (bucket == null || bucket.isBlank() || target == null || target.isBlank()) {
            throw new IllegalArgumentException("bucket and target are required");
        }
    }
}
