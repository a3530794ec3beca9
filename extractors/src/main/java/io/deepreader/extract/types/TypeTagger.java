package io.deepreader.extract.types;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds typed values in a line of OCR text with regular expressions, the higher-priority type
 * winning where matches overlap ({@link DataType} order). Stateless and thread-safe.
 */
public final class TypeTagger {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final String MONTH = "(JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
            + "|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)";
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5),
            Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10),
            Map.entry("NOV", 11), Map.entry("DEC", 12));

    private static final Pattern EMAIL = Pattern.compile("[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\\.[A-Z0-9-]+)*\\.[A-Z]{2,}", FLAGS);
    private static final Pattern DATE_DMY = Pattern.compile(
            "(?<![\\d./-])(\\d{1,2})\\s?([/.-])\\s?(\\d{1,2})\\s?\\2\\s?(\\d{4}|\\d{2})(?![\\d/-]|\\.\\d)");
    private static final Pattern DATE_YMD = Pattern.compile(
            "(?<![\\d./-])(\\d{4})([/.-])(\\d{1,2})\\2(\\d{1,2})(?![\\d/-]|\\.\\d)");
    private static final Pattern DATE_D_MON_Y = Pattern.compile(
            "(?<![A-Z0-9])(\\d{1,2})[\\s./-]*" + MONTH + "[\\s.,/-]*(\\d{4}|\\d{2})(?![0-9])", FLAGS);
    private static final Pattern DATE_MON_D_Y = Pattern.compile(
            "(?<![A-Z0-9])" + MONTH + "[\\s.-]*(\\d{1,2})(?:ST|ND|RD|TH)?[\\s,.-]+(\\d{4})(?![0-9])", FLAGS);
    private static final Pattern TIME = Pattern.compile(
            "(?<![\\d.])([01]?\\d|2[0-3])\\s?:\\s?([0-5]\\d)(?:\\s?:\\s?([0-5]\\d))?(?:\\s?([AP])\\.?M\\.?(?![A-Z]))?(?![\\d:])", FLAGS);
    /** GST/SST/VAT registration, company (ROC) numbers: the value after a label, digits possibly grouped. */
    private static final Pattern TAX_ID_LABELLED = Pattern.compile(
            "(?<![A-Z])(?:GST|SST|VAT|TIN|ABN|GSTIN|BRN|ROC|TAX|CO|COMPANY|BUSINESS|BUS)(?:[\\s.]*(?:REG(?:ISTRATION)?|REGN|ID|NO|NUMBER|#))+"
                    + "[\\s.]*[:#]?\\s*(\\(?[A-Z0-9][0-9A-Z-]{2,}(?:\\s[0-9]{3,}[0-9A-Z-]*)*\\)?)", FLAGS);
    /** Malaysian company (ROC) number as printed under a vendor's name, e.g. (742016-W). */
    private static final Pattern TAX_ID_ROC = Pattern.compile("(?<![\\dA-Z-])\\(?[A-Z]{0,3}\\d{5,12}\\s?-\\s?[A-Z]\\)?(?![A-Z0-9])", FLAGS);
    private static final Pattern PHONE_LABELLED = Pattern.compile(
            "(?<![A-Z])(?:TEL|PHONE|PH|FAX|H/?P|MOBILE|MOB|HP|CALL|WHATSAPP|T|F)(?:\\s*/\\s*FAX)?[\\s.]*(?:NO)?[\\s.]*[:.]?\\s*"
                    + "(\\+?\\(?\\d[\\d\\s()-]{5,}\\d)", FLAGS);
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d.,])(\\+?\\(?\\+?\\d{1,4}\\)?[\\s-]?\\(?\\d{1,4}\\)?[\\s-]?\\d{3,4}[\\s-]?\\d{3,4})(?!\\d|[.,%]\\d)");
    private static final Pattern PERCENTAGE = Pattern.compile("(?<![\\w.])(-?\\d{1,3}(?:[.,]\\d+)?)\\s?%");
    private static final String CURRENCY = "(RM|MYR|USD|SGD|S\\$|US\\$|EUR|GBP|INR|RS\\.?|IDR|RP|\\$|€|£|¥|₹)";
    private static final Pattern AMOUNT_WITH_CURRENCY = Pattern.compile(
            "(?<![A-Z])" + CURRENCY + "\\s?(\\(\\s?\\d[\\d,]*(?:\\.\\d{1,2})?\\)|-?\\s?\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|-?\\s?\\d*\\.\\d{2}|-?\\s?\\d+\\s\\.\\d{2}|-?\\s?\\d+\\.\\s\\d{2}|-?\\s?\\d+,\\d{2}(?![\\d,])|-?\\s?\\d+ \\d{2}(?![\\d,.])|-?\\s?\\d+(?![\\d,.]))(?![\\d.])", FLAGS);
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\w.,-])(\\((?:\\d{1,3}(?:,\\d{3})+|\\d+)\\.\\d{2}\\)|-?\\d{1,3}(?:,\\d{3})+\\.\\d{2}|-?\\d+\\.\\d{2}|-?\\d+ \\.\\d{2}|-?\\d+\\. \\d{2}|-?\\d+,\\d{2})(?![\\d.,]\\d|\\d)");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Z0-9.,])(-?\\d+(?:[.,]\\d+)*)(?![A-Z0-9])", FLAGS);

    private static final Map<String, String> CURRENCY_CODES = Map.ofEntries(
            Map.entry("RM", "MYR"), Map.entry("MYR", "MYR"), Map.entry("USD", "USD"), Map.entry("US$", "USD"),
            Map.entry("$", "USD"), Map.entry("SGD", "SGD"), Map.entry("S$", "SGD"), Map.entry("EUR", "EUR"),
            Map.entry("€", "EUR"), Map.entry("GBP", "GBP"), Map.entry("£", "GBP"), Map.entry("¥", "JPY"),
            Map.entry("INR", "INR"), Map.entry("RS", "INR"), Map.entry("RS.", "INR"), Map.entry("₹", "INR"),
            Map.entry("IDR", "IDR"), Map.entry("RP", "IDR"));

    /**
     * All typed values in a text, non-overlapping, in text order; TEXT is never returned (it is what is
     * left). Digit-like OCR slips inside numbers are repaired first, so a span's text may differ from
     * the printed characters at the same offsets ("11/@9/2@17" gives the date "11/09/2017").
     */
    public List<TypedSpan> tag(String printed) {
        String text = DigitRepair.repair(printed);
        List<TypedSpan> candidates = new ArrayList<>();
        find(EMAIL, text, 0, m -> new TypedSpan(DataType.EMAIL, m.start(), m.end(), m.group(), m.group().toLowerCase(Locale.ROOT), null), candidates);
        find(DATE_DMY, text, 0, this::dayMonthYear, candidates);
        find(DATE_YMD, text, 0, m -> date(m, m.group(1), m.group(3), m.group(4)), candidates);
        find(DATE_D_MON_Y, text, 0, m -> date(m, m.group(3), month(m.group(2)), m.group(1)), candidates);
        find(DATE_MON_D_Y, text, 0, m -> date(m, m.group(3), month(m.group(1)), m.group(2)), candidates);
        find(TIME, text, 0, this::time, candidates);
        find(TAX_ID_LABELLED, text, 1, m -> taxId(m, 1), candidates);
        find(TAX_ID_ROC, text, 0, m -> taxId(m, 0), candidates);
        find(PHONE_LABELLED, text, 1, m -> phone(m, 7), candidates);
        find(PHONE, text, 1, m -> phone(m, 9), candidates);
        find(PERCENTAGE, text, 0, m -> new TypedSpan(DataType.PERCENTAGE, m.start(), m.end(), m.group(),
                m.group(1).replace(',', '.'), null), candidates);
        find(AMOUNT_WITH_CURRENCY, text, 0, m -> amount(m, m.group(2), CURRENCY_CODES.get(m.group(1).toUpperCase(Locale.ROOT))), candidates);
        find(AMOUNT, text, 0, m -> amount(m, m.group(1), null), candidates);
        find(NUMBER, text, 1, m -> new TypedSpan(DataType.NUMBER, m.start(1), m.end(1), m.group(1), m.group(1).replace(",", ""), null), candidates);

        // Higher priority first, then longer: a date beats the numbers inside it.
        candidates.sort(Comparator.comparing(TypedSpan::type).thenComparing(Comparator.comparingInt(TypedSpan::length).reversed()));
        List<TypedSpan> accepted = new ArrayList<>();
        for (TypedSpan c : candidates) {
            if (accepted.stream().noneMatch(c::overlaps)) {
                accepted.add(c);
            }
        }
        accepted.sort(Comparator.comparingInt(TypedSpan::start));
        return List.copyOf(accepted);
    }

    /** The type of a whole string: the type of a value covering most of it, else TEXT. */
    public DataType typeOf(String text) {
        return dominantType(text, tag(text));
    }

    /** The type of a value covering at least 60 % of the non-space characters of {@code text}, else TEXT. */
    public static DataType dominantType(String text, List<TypedSpan> spans) {
        int chars = text.replaceAll("\\s", "").length();
        for (TypedSpan s : spans) {
            if (chars > 0 && s.text().replaceAll("\\s", "").length() * 10 >= chars * 6) {
                return s.type();
            }
        }
        return DataType.TEXT;
    }

    private interface SpanMaker {
        TypedSpan make(Matcher m);
    }

    private static void find(Pattern pattern, String text, int group, SpanMaker maker, List<TypedSpan> out) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (m.group(group) == null) {
                continue;
            }
            TypedSpan span = maker.make(m);
            if (span != null) {
                out.add(span);
            }
        }
    }

    private TypedSpan dayMonthYear(Matcher m) {
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(3));
        // Day first (as on most receipts outside the US) unless only month-first is a valid date.
        if (a > 12 || b <= 12) {
            return date(m, m.group(4), m.group(3), m.group(1));
        }
        return date(m, m.group(4), m.group(1), m.group(3));
    }

    private static String month(String name) {
        return String.valueOf(MONTHS.get(name.substring(0, 3).toUpperCase(Locale.ROOT)));
    }

    private static TypedSpan date(Matcher m, String year, String month, String day) {
        int y = Integer.parseInt(year);
        if (year.length() == 2) {
            y += 2000;
        }
        String text = m.group();
        if (year.length() == 4 && y >= 2070 && y <= 2079) {
            // Tesseract reads receipt fonts' 1 as 7: a receipt dated "2078" was printed in the 2010s.
            String fixed = "201" + year.charAt(3);
            int at = text.startsWith(year) ? 0 : text.lastIndexOf(year);
            text = text.substring(0, at) + fixed + text.substring(at + year.length());
            y -= 60;
        }
        if (y < 1900 || y > 2100) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(y, Integer.parseInt(month), Integer.parseInt(day));
            return new TypedSpan(DataType.DATE, m.start(), m.end(), text, date.toString(), null);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private TypedSpan time(Matcher m) {
        int hour = Integer.parseInt(m.group(1));
        String ampm = m.group(4);
        if (ampm != null) {
            if (hour > 12) {
                return null;
            }
            hour = hour % 12 + (ampm.equalsIgnoreCase("P") ? 12 : 0);
        }
        String seconds = m.group(3) == null ? "00" : m.group(3);
        return new TypedSpan(DataType.TIME, m.start(), m.end(), m.group(),
                String.format(Locale.ROOT, "%02d:%s:%s", hour, m.group(2), seconds), null);
    }

    private static TypedSpan taxId(Matcher m, int group) {
        String value = m.group(group).strip();
        String compact = value.replaceAll("[\\s()]", "");
        long digits = compact.chars().filter(Character::isDigit).count();
        if (digits < 5) {
            return null;
        }
        int start = m.start(group);
        return new TypedSpan(DataType.TAX_ID, start, start + value.length(), value, compact.toUpperCase(Locale.ROOT), null);
    }

    private static TypedSpan phone(Matcher m, int minDigits) {
        String value = m.group(1).strip();
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() < minDigits || digits.length() > 15) {
            return null;
        }
        // Unlabelled digit runs are bar codes or ids far more often than phone numbers: ask for a separator.
        if (minDigits >= 9 && !value.matches(".*[\\s()+-].*")) {
            return null;
        }
        int start = m.start(1);
        String normalized = (value.startsWith("+") ? "+" : "") + digits;
        return new TypedSpan(DataType.PHONE, start, start + value.length(), value, normalized, null);
    }

    private static TypedSpan amount(Matcher m, String number, String currency) {
        // "RM28 05": after a currency mark, two digits set apart by a space are the cents whose point OCR lost.
        String n = number.strip().matches("-?\\s?\\d+ \\d{2}") ? number.strip().replaceFirst(" (\\d{2})$", ".$1").replace(" ", "")
                : number.replace(" ", "");
        // "1,75": OCR often reads a receipt's decimal point as a comma; two digits after it make it a decimal.
        n = n.matches("[-(]?\\d+,\\d{2}\\)?") ? n.replace(',', '.') : n.replace(",", "");
        boolean negative = n.startsWith("-") || n.startsWith("(") && n.endsWith(")");
        n = n.replaceAll("[-()]", "");
        if (n.isEmpty()) {
            return null;
        }
        BigDecimal value = new BigDecimal(n);
        return new TypedSpan(DataType.AMOUNT, m.start(), m.end(), m.group(),
                (negative ? value.negate() : value).toPlainString(), currency);
    }
}
