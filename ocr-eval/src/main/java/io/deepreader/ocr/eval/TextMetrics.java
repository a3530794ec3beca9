package io.deepreader.ocr.eval;

import java.util.Locale;

/**
 * Character error rate as the project reports it: both texts upper-cased with all white space dropped
 * (SROIE transcripts are inconsistent in case and spacing), then edit distance / truth length.
 */
public final class TextMetrics {
    private TextMetrics() {
    }

    public static String normalise(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    public static double cer(String truth, String hypothesis) {
        String t = normalise(truth);
        String h = normalise(hypothesis);
        if (t.isEmpty()) {
            return h.isEmpty() ? 0 : 1;
        }
        return (double) editDistance(t, h) / t.length();
    }

    /** Levenshtein distance in O(min(n,m)) memory. */
    public static int editDistance(String a, String b) {
        if (a.length() < b.length()) {
            String t = a;
            a = b;
            b = t;
        }
        int[] prev = new int[b.length() + 1];
        int[] curr = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            curr[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int cost = ca == b.charAt(j - 1) ? 0 : 1;
                curr[j] = Math.min(Math.min(curr[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = curr;
            curr = t;
        }
        return prev[b.length()];
    }
}
