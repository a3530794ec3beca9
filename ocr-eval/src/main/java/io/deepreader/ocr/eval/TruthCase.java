package io.deepreader.ocr.eval;

/**
 * Puts back the letter case SROIE's transcriptions drop (every text is upper-cased) from a reading of the same
 * line: the truth is aligned with the reading by edit distance, ignoring case; a letter matched to the same
 * letter takes the reading's case, and an unmatched one the case of the nearest matched letter of its word
 * (word-initial letters only decide when nothing else in the word does: "Total" stays title case). Fine-tuning
 * on upper-cased lines would teach Tesseract to print every receipt in capitals; page CER (case-blind) would
 * not show it, the product's text would.
 */
public final class TruthCase {
    private TruthCase() {
    }

    /** {@code truth} with the case of {@code reading}; a truth that already has lower case is returned as is. */
    public static String restore(String truth, String reading) {
        if (!truth.equals(truth.toUpperCase()) || reading.isEmpty()) {
            return truth;
        }
        int n = truth.length();
        int m = reading.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = same(truth.charAt(i - 1), reading.charAt(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        // decided[i]: 1 lower, 2 upper, 0 unknown (not a letter or not matched to the same letter)
        int[] decided = new int[n];
        for (int i = n, j = m; i > 0 && j > 0; ) {
            char t = truth.charAt(i - 1);
            char r = reading.charAt(j - 1);
            if (d[i][j] == d[i - 1][j - 1] + (same(t, r) ? 0 : 1)) {
                if (Character.isLetter(t) && same(t, r)) {
                    decided[i - 1] = Character.isLowerCase(r) ? 1 : 2;
                }
                i--;
                j--;
            } else if (d[i][j] == d[i - 1][j] + 1) {
                i--;
            } else {
                j--;
            }
        }
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char t = truth.charAt(i);
            int c = Character.isLetter(t) ? (decided[i] != 0 ? decided[i] : fromWord(truth, decided, i)) : 0;
            out.append(c == 1 ? Character.toLowerCase(t) : t);
        }
        return out.toString();
    }

    /** The nearest decided letter of the word around {@code i}, skipping the word's first letter if possible. */
    private static int fromWord(String truth, int[] decided, int i) {
        int start = i;
        while (start > 0 && !Character.isWhitespace(truth.charAt(start - 1))) {
            start--;
        }
        int end = i;
        while (end < truth.length() - 1 && !Character.isWhitespace(truth.charAt(end + 1))) {
            end++;
        }
        for (int k = 1; i - k >= start || i + k <= end; k++) {
            if (i - k > start && decided[i - k] != 0) {
                return decided[i - k];
            }
            if (i + k <= end && decided[i + k] != 0) {
                return decided[i + k];
            }
        }
        return start < i && decided[start] != 0 ? decided[start] : 2;
    }

    private static boolean same(char a, char b) {
        return Character.toUpperCase(a) == Character.toUpperCase(b);
    }
}
