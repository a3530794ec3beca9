package io.deepreader.efs.seed;

/**
 * What a seeding run did.
 *
 * @param target      the bundle's directory relative to the EFS root
 * @param files       files in the bundle
 * @param bytes       bytes in the bundle
 * @param copied      false when an identical bundle was already installed (seeding is idempotent)
 * @param millis      wall time
 */
public record SeedResult(String target, int files, long bytes, boolean copied, long millis) {
}
