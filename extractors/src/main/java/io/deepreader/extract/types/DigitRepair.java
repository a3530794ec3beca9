package io.deepreader.extract.types;

/**
 * Undoes Tesseract's commonest digit confusions ('@'/'O' for 0, 'l'/'I'/'|' for 1, '§' for 5; between two
 * digits also 'S'/'$' for 5, 'B' for 8, 'Z' for 2, 'G' for 6) inside
 * tokens that are mostly digits ("11/@9/2@17"), leaving words alone. Keeps the length, so offsets
 * found on the repaired text still point at the same words.
 */
final class DigitRepair {
    private DigitRepair() {
    }

    static String repair(String text) {
        char[] out = text.toCharArray();
        int i = 0;
        while (i < out.length) {
            if (Character.isWhitespace(out[i])) {
                i++;
                continue;
            }
            int end = i;
            int digits = 0;
            int letters = 0;
            int confusables = 0;
            while (end < out.length && !Character.isWhitespace(out[end])) {
                if (Character.isDigit(out[end])) {
                    digits++;
                } else if (replacement(out[end]) != 0) {
                    confusables++;
                } else if (Character.isLetter(out[end])) {
                    letters++;
                }
                end++;
            }
            if (digits >= 2 && digits >= 2 * letters && confusables <= digits) {
                for (int k = i; k < end; k++) {
                    char r = replacement(out[k]);
                    boolean after = k > i && isNumeric(out[k - 1]);
                    boolean before = k + 1 < end && isNumeric(out[k + 1]);
                    // 'S', 'B', 'G' and 'Z' are common letters: only between two digits ("1S.00", "4B.90").
                    boolean between = k > i && Character.isDigit(out[k - 1]) && before
                            || after && k + 1 < end && Character.isDigit(out[k + 1]);
                    if (r != 0 && (isLetterLike(out[k]) ? between : after || before)) {
                        out[k] = r;
                    }
                }
            }
            i = end;
        }
        return new String(out);
    }

    private static boolean isLetterLike(char c) {
        return c == 'S' || c == '$' || c == 'B' || c == 'Z' || c == 'G';
    }

    private static boolean isNumeric(char c) {
        return Character.isDigit(c) || c == '/' || c == '.' || c == '-' || c == ':';
    }

    private static char replacement(char c) {
        return switch (c) {
            case '@', 'O', 'o', 'Q' -> '0';
            case 'l', 'I', '|', '!' -> '1';
            case '§', 'S', '$' -> '5';
            case 'B' -> '8';
            case 'Z' -> '2';
            case 'G' -> '6';
            default -> 0;
        };
    }
}
