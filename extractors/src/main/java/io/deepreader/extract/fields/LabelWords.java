package io.deepreader.extract.fields;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts back the label words the field rules look for when OCR misread one or two of their
 * characters ("TOTAI", "Tota]", "CHONGE", "ROUNDlNG", "SON BHD", "5/8"). Every repair keeps the text's
 * length, so offsets found on the repaired text still point at the same words of the row.
 */
final class LabelWords {
    /** Words the rules key on, long enough that a near miss is still unambiguous. */
    private static final List<String> KEYWORDS = List.of("TOTAL", "SUBTOTAL", "CHANGE", "ROUNDING", "ROUNDED", "AMOUNT",
            "PAYMENT", "PAYABLE", "INCLUSIVE", "INCLUDING", "GRAND", "TENDER", "TENDERED", "BALANCE", "ADJUSTMENT",
            "INVOICE", "RECEIPT", "TARIKH", "SUMMARY", "CASHIER");
    /** Real words one letter away from a keyword: never "repaired". */
    private static final Set<String> WORDS = Set.of("CHARGE", "CHARGES", "CHANCE", "BRAND", "GRANT", "TOTALS", "RECEIVE",
            "PAYMENTS", "MOUNT");
    private static final Pattern TOKEN = Pattern.compile("[A-Z0-9$|!\\]\\[?]+");
    /** "SDN BHD" as OCR prints it: "SON BHD", "SDN BHO", "Sde. Bad.", "SDH. BHE". */
    private static final Pattern SDN_BHD = Pattern.compile("(?<![A-Z0-9])([A-Z0-9$]{3})(\\.?\\s{1,2}|\\.)([A-Z0-9]{3})(?![A-Z0-9])");
    /** "S/B" (Sendirian Berhad) as "5/B", "S/8", "S/R". */
    private static final Pattern S_B = Pattern.compile("(?<![A-Z0-9/])[S5$]\\s?/\\s?[B8R](?![A-Z0-9/])");

    private LabelWords() {
    }

    /** The upper-cased text with misread keywords and company suffixes spelled right (same length). */
    static String repair(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.length() != text.length()) {
            return upper;
        }
        char[] out = upper.toCharArray();
        Matcher m = TOKEN.matcher(upper);
        while (m.find()) {
            String word = m.group();
            if (word.length() < 5 || WORDS.contains(word) || word.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String keyword = nearest(word);
            if (keyword != null) {
                keyword.getChars(0, keyword.length(), out, m.start());
            }
        }
        return companySuffix(new String(out));
    }

    /** {@link #repair} keeping the original case where nothing was repaired (for values shown to users). */
    static String repairKeepingCase(String text) {
        String repaired = repair(text);
        if (repaired.length() != text.length()) {
            return text;
        }
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            if (Character.toUpperCase(out[i]) != repaired.charAt(i)) {
                out[i] = repaired.charAt(i);
            }
        }
        return new String(out);
    }

    private static String nearest(String word) {
        for (String keyword : KEYWORDS) {
            if (keyword.length() != word.length() || keyword.equals(word)) {
                continue;
            }
            int allowed = word.length() >= 8 ? 2 : 1;
            int diff = 0;
            for (int i = 0; i < word.length() && diff <= allowed; i++) {
                if (word.charAt(i) != keyword.charAt(i)) {
                    diff++;
                }
            }
            // A near miss must keep most letters: "TOTAL" from "T0TA1" is fine, from "12345" is not.
            long letters = word.chars().filter(Character::isLetter).count();
            if (diff <= allowed && letters * 2 > word.length()) {
                return keyword;
            }
        }
        return null;
    }

    private static String companySuffix(String upper) {
        char[] out = upper.toCharArray();
        Matcher m = SDN_BHD.matcher(upper);
        while (m.find()) {
            String sdn = m.group(1);
            String bhd = m.group(3);
            if (sdn.equals("SDN") && bhd.equals("BHD")) {
                continue;
            }
            if (near(sdn, "SDN") && near(bhd, "BHD") && sdn.charAt(0) == 'S' && "BE8".indexOf(bhd.charAt(0)) >= 0) {
                "SDN".getChars(0, 3, out, m.start(1));
                "BHD".getChars(0, 3, out, m.start(3));
            }
        }
        Matcher sb = S_B.matcher(upper);
        while (sb.find()) {
            out[sb.start()] = 'S';
            out[sb.end() - 1] = 'B';
        }
        return new String(out);
    }

    private static boolean near(String word, String target) {
        int diff = 0;
        for (int i = 0; i < target.length(); i++) {
            if (word.charAt(i) != target.charAt(i)) {
                diff++;
            }
        }
        return diff <= 1;
    }
}
