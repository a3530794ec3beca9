package io.deepreader.client.bench;

/** Response-time percentiles for the bench report. */
public final class BenchPercentiles {
    private BenchPercentiles() {
    }

    /**
     * Nearest-rank percentile (the smallest value with at least p% of the values at or below it): with few
     * samples it reports a value that was measured rather than an interpolation; p99 of fewer than 100 is the max.
     */
    public static long of(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
