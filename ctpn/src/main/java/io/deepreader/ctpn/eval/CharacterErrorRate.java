package io.deepreader.ctpn.eval;

import java.util.Locale;

/**
 * Page CER as the shared data's README defines it: upper-case both texts and drop all white space (the SROIE
 * transcripts are inconsistent in both), then edit distance over the reference length.
 */
public final class CharacterErrorRate {
    private CharacterErrorRate() {
    }

    public static String normalise(String text) {
        return text.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    /** Edit distance between the normalised texts (reference length via {@link #normalise}). */
    public static int distance(String reference, String hypothesis) {
        String a = normalise(reference);
        String b = normalise(hypothesis);
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public static double of(String reference, String hypothesis) {
        int n = normalise(reference).length();
        return n == 0 ? (normalise(hypothesis).isEmpty() ? 0 : 1) : (double) distance(reference, hypothesis) / n;
    }
}
