package io.deepreader.client.run;

import java.util.List;

/** The final report of a run: per-document results and the totals a user checks first. */
public record RunReport(String target, String batchId, int documents, int ok, int failed, int deferred, int pages,
                        int lines, int retries, int throttledRetries, long wallMillis, double pagesPerSecond,
                        List<DocumentResult> results) {

    public static RunReport of(String target, String batchId, List<DocumentResult> results, long wallMillis) {
        int ok = (int) results.stream().filter(DocumentResult::ok).count();
        int deferred = (int) results.stream().filter(r -> "deferred".equals(r.status())).count();
        int pages = results.stream().mapToInt(DocumentResult::pages).sum();
        int lines = results.stream().mapToInt(DocumentResult::lines).sum();
        // A document answered on its first request has attempts == 1; local runs have no retries.
        int retries = results.stream().mapToInt(r -> Math.max(0, r.attempts() - 1)).sum();
        int throttled = results.stream().mapToInt(DocumentResult::throttled).sum();
        double pps = wallMillis == 0 ? 0 : pages * 1000.0 / wallMillis;
        return new RunReport(target, batchId, results.size(), ok, results.size() - ok - deferred, deferred, pages, lines,
                retries, throttled, wallMillis, Math.round(pps * 100) / 100.0, List.copyOf(results));
    }

    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format("target=%s batch=%s documents=%d ok=%d failed=%d deferred=%d pages=%d lines=%d "
                        + "retries=%d throttled=%d wall=%.1fs pages/s=%.2f%n", target, batchId, documents, ok, failed,
                deferred, pages, lines, retries, throttledRetries, wallMillis / 1000.0, pagesPerSecond));
        for (DocumentResult r : results) {
            if (!r.ok()) {
                s.append(String.format("  %s %s %s: %s%n", r.status().toUpperCase(), r.docId(), r.errorType(), r.errorMessage()));
            }
        }
        return s.toString();
    }
}
