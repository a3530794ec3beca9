package io.deepreader.extract.fields;

import io.deepreader.extract.types.DataType;
import io.deepreader.extract.types.TypedSpan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TOTAL, SUBTOTAL and TAX: amounts beside (or below) their labels, the total checked against cash minus change. */
final class AmountRules {
    private static final Pattern SUBTOTAL = Pattern.compile(
            "SUB\\s*-?\\s*TOTAL|TOTAL\\s*(?:SALES\\s*)?\\(?\\s*EXCL|TOTAL\\s*BEFORE|AMOUNT\\s*\\(?\\s*EXCL|TOTAL\\s*EX\\b");
    private static final Pattern TOTAL = Pattern.compile("TOTAL|(?<![A-Z])DUE(?![A-Z])|AMOUNT\\s*(?:DUE|PAYABLE|TO\\s*BE\\s*PAID)|NETT?\\s*(?:AMOUNT|AMT)|BALANCE\\s*DUE|JUMLAH");
    private static final Pattern NOT_TOTAL = Pattern.compile(
            "TOTAL\\s*(?:QTY|QUANTITY|ITEM|NO|DISC|DISCOUNT|SAVING|GST|TAX|SST|VAT|EXCL|\\(EXCL|SALES\\s*\\(?EXCL|PCS|UNIT|POINT|PTS)"
                    + "|SUB\\s*-?\\s*TOTAL|TOTAL\\s*BEFORE|GST\\s*SUMM|SUMMARY|INCLUDED|INCLUDES|(?<!INCL\\.?\\s{0,2})GST\\s*@"
                    // "TOTAL ITEM DISCOUNT" with the middle word misread ("Tota! Itern Discount").
                    + "|TOTAL\\s*\\S+\\s*(?:DISCOUNT|SAVINGS?)");
    private static final Pattern STRONG_TOTAL = Pattern.compile(
            "ROUND(?:ED|ING)?\\s*TOTAL|TOTAL\\s*ROUND|(?:GRAND|FINAL)\\s*TOTAL|TO\\s*BE\\s*PAID|NETT?\\s*TOTAL|TOTAL\\s*(?:AMOUNT|AMT|PAYABLE|DUE)"
                    + "|INCL|AMOUNT\\s*(?:DUE|PAYABLE)|TOTAL\\s*\\(?RM\\)?|TOTAL\\s*SALES");
    private static final Pattern ROUNDING = Pattern.compile("ROUND");
    /** A rounding adjustment never exceeds a few sen (5-sen rounding: at most 0.02; 0.10 leaves room). */
    private static final BigDecimal MAX_ROUNDING = new BigDecimal("0.10");
    /** The GST summary table at the foot of Malaysian receipts repeats amounts under a TOTAL of its own. */
    private static final Pattern TAX_SUMMARY = Pattern.compile("GST\\s*SUMM|TAX\\s*SUMM|SUMMARY|TAX\\s*CODE");
    private static final Pattern CASH = Pattern.compile("CASH|TENDER|PAID|PAYMENT|(?<![A-Z])PAY(?![A-Z])|VISA|MASTER|CARD|CREDIT");
    private static final Pattern CHANGE = Pattern.compile("CHANGE|BALANCE|BAKI");
    private static final Pattern TAX = Pattern.compile("(?<![A-Z])(?:GST|SST|VAT|TAX|SERVICE\\s*TAX|SERVICE\\s*CHARGE)(?![A-Z])");
    private static final Pattern NOT_TAX = Pattern.compile(
            "INVOICE|REG|\\bID\\b|\\bNO\\b|EXCL|SUMM|SERVICE\\s*CHARGE|CODE|TAX\\s*CODE|RELIEF|NET|EXEMPT|ZERO|@|=|\\(Z\\)|\\(E\\)");

    record Amounts(List<ExpenseField> fields, int firstSummaryRow) {
    }

    private record Candidate(TaggedRow row, TypedSpan span, String label, double score) {
        BigDecimal value() {
            return new BigDecimal(span.normalized());
        }
    }

    Amounts extract(List<TaggedRow> rows, String currency) {
        List<ExpenseField> out = new ArrayList<>();
        int firstSummary = rows.size();

        List<Candidate> totals = new ArrayList<>();
        Candidate subtotal = null;
        Candidate tax = null;
        BigDecimal cash = null;
        BigDecimal change = null;
        boolean inTaxSummary = false;
        boolean changeRow = false;
        boolean totalRow = false;
        List<Candidate> undottedTotals = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            TaggedRow row = rows.get(i);
            String upper = row.upper();
            inTaxSummary |= TAX_SUMMARY.matcher(upper).find();
            Matcher sub = SUBTOTAL.matcher(upper);
            if (sub.find()) {
                Optional<Candidate> c = valueFor(rows, i, sub.end(), 1);
                if (c.isPresent()) {
                    firstSummary = Math.min(firstSummary, i);
                    if (subtotal == null) {
                        subtotal = c.get();
                    }
                }
                continue;
            }
            Matcher total = TOTAL.matcher(upper);
            if (total.find() && !NOT_TOTAL.matcher(upper).find() && !inTaxSummary) {
                totalRow = true;
                double score = STRONG_TOTAL.matcher(upper).find() ? 2 : 1;
                Optional<Candidate> c = valueFor(rows, i, total.end(), score);
                if (c.isEmpty()) {
                    undotted(row, total.end(), score).ifPresent(undottedTotals::add);
                }
                if (c.isPresent()) {
                    firstSummary = Math.min(firstSummary, i);
                    totals.add(c.get());
                    roundedAfter(rows, i, c.get()).ifPresent(totals::add);
                }
                continue;
            }
            Matcher taxLabel = TAX.matcher(upper);
            if (taxLabel.find() && !NOT_TAX.matcher(upper).find() && !row.has(DataType.TAX_ID)) {
                Optional<Candidate> c = valueFor(rows, i, taxLabel.end(), 1);
                if (c.isPresent() && (tax == null || upper.contains("TOTAL") && !tax.label().contains("TOTAL"))) {
                    tax = c.get();
                }
            }
            if (CHANGE.matcher(upper).find()) {
                changeRow = true;
                Optional<Candidate> c = valueFor(rows, i, 0, 1);
                if (c.isPresent() && change == null) {
                    change = c.get().value();
                }
            } else if (CASH.matcher(upper).find()) {
                Optional<Candidate> c = valueFor(rows, i, 0, 1);
                if (c.isPresent() && cash == null) {
                    // Tendered cash is never negative: a leading "-" is a mark OCR read off the paper ("Cash -51. 00").
                    cash = c.get().value().abs();
                }
            }
        }
        BigDecimal paid = cash != null && change != null ? cash.subtract(change) : null;
        for (Candidate c : undottedTotals) {
            // "TOTAL 600" with the point lost: trusted only when the payment says 6.00 too.
            if (cash != null && cash.compareTo(c.value()) == 0 || paid != null && paid.compareTo(c.value()) == 0) {
                totals.add(c);
            }
        }
        // What the customer paid: cash minus change, or the amount tendered when no change row was printed
        // (card payments, exact cash), which then is the total itself.
        BigDecimal tendered = paid != null && paid.signum() > 0 ? paid : change == null && !changeRow ? cash : null;
        if (paid != null && paid.signum() > 0) {
            // Cash minus change is what was paid; printed somewhere, it is the total even when its label is lost.
            paidAmount(rows, paid, false).ifPresent(totals::add);
        }
        Candidate best = null;
        for (Candidate c : totals) {
            double score = c.score() + paymentAgreement(c.value(), tendered) + afterTaxAndRounding(rows, totals, c);
            if (best == null || score > best.score()
                    || score == best.score() && c.value().compareTo(best.value()) > 0) {
                best = new Candidate(c.row(), c.span(), c.label(), score);
            }
        }
        if (best == null && subtotal != null) {
            // A TOTAL row whose amount OCR lost ("TO : RM 73.00"), or only "SUB TOTAL (INCL. GST)" printed: the
            // total is the subtotal or an amount after it (tax added, rounded), never an item above it (an item
            // misread, 130.00 as 730.00, is what the largest amount of the lower half picks up).
            best = largestAmountFrom(rows, rows.indexOf(subtotal.row()));
        }
        if (best == null && cash != null && !changeRow && !totalRow) {
            // No total label and nothing given back (a parking ticket's "Paid RM7.00"): what was paid is the total.
            best = paidAmount(rows, cash, true).orElse(null);
        }
        if (best == null) {
            best = largestAmountBelowHalf(rows);
        }
        if (best != null && "MYR".equals(currency)) {
            best = agreeWithPayment(best, paid != null && paid.signum() > 0 ? paid : change == null ? cash : null);
        }
        if (best != null) {
            out.add(field(ExpenseFieldType.TOTAL, best, currency, Math.min(0.95, 0.5 + 0.15 * best.score())));
        }
        if (subtotal != null) {
            out.add(field(ExpenseFieldType.SUBTOTAL, subtotal, currency, 0.85));
        }
        if (tax != null) {
            out.add(field(ExpenseFieldType.TAX, tax, currency, 0.8));
        }
        return new Amounts(out, firstSummary);
    }

    /**
     * The amount for a label: the last amount right of the label on its row, else the first amount
     * on the next row if that row holds nothing but amounts (values printed under their labels).
     */
    private static Optional<Candidate> valueFor(List<TaggedRow> rows, int i, int labelEnd, double score) {
        TaggedRow row = rows.get(i);
        String label = row.text().substring(0, Math.min(labelEnd, row.text().length())).strip();
        List<TypedSpan> amounts = row.amountsAfter(labelEnd);
        if (!amounts.isEmpty()) {
            return Optional.of(new Candidate(row, amounts.get(amounts.size() - 1), label, score));
        }
        // The value sits under the label, or (the label's baseline a little lower) just above it.
        for (int j : new int[] {i + 1, i - 1}) {
            if (j < 0 || j >= rows.size()) {
                continue;
            }
            TaggedRow other = rows.get(j);
            List<TypedSpan> values = other.of(DataType.AMOUNT);
            if (values.size() == 1 && other.freeLetters() <= 2) {
                return Optional.of(new Candidate(other, values.get(0), label, score * 0.9));
            }
        }
        return Optional.empty();
    }

    /** The last number right of a label read without its decimal point ("600" for 6.00), as cents. */
    private static Optional<Candidate> undotted(TaggedRow row, int labelEnd, double score) {
        List<TypedSpan> numbers = row.spans().stream()
                .filter(sp -> sp.type() == DataType.NUMBER && sp.start() >= labelEnd && sp.normalized().matches("\\d{3,7}")).toList();
        if (numbers.isEmpty()) {
            return Optional.empty();
        }
        TypedSpan n = numbers.get(numbers.size() - 1);
        String value = new BigDecimal(n.normalized()).movePointLeft(2).toPlainString();
        String label = row.text().substring(0, Math.min(labelEnd, row.text().length())).strip();
        return Optional.of(new Candidate(row, new TypedSpan(DataType.AMOUNT, n.start(), n.end(), value, value, null), label, score));
    }

    /** "TOTAL 60.31 / ROUNDING -0.01 / 60.30": the rounded amount, printed a row or two later, is what was paid. */
    private static Optional<Candidate> roundedAfter(List<TaggedRow> rows, int totalRow, Candidate total) {
        for (int j = totalRow + 1; j < Math.min(rows.size(), totalRow + 3); j++) {
            TaggedRow row = rows.get(j);
            if (!ROUNDING.matcher(row.upper()).find()) {
                continue;
            }
            List<TypedSpan> adj = row.of(DataType.AMOUNT);
            if (adj.isEmpty()) {
                // "Rounding Adjustment RM 0O2" unread: the rounded total may still follow on a ROUNDING row.
                continue;
            }
            // "ROUNDING 72.75": the row carries the rounded total itself rather than the adjustment.
            BigDecimal last = new BigDecimal(adj.get(adj.size() - 1).normalized());
            if (last.abs().compareTo(MAX_ROUNDING) > 0 && last.subtract(total.value()).abs().compareTo(MAX_ROUNDING) <= 0) {
                return Optional.of(new Candidate(row, adj.get(adj.size() - 1), total.label(), total.score() + 0.5));
            }
            BigDecimal rounded = total.value().add(new BigDecimal(adj.get(adj.size() - 1).normalized()));
            // The rounded amount follows within a few rows, as the rounded total or as the card/cash payment.
            for (int k = j + 1; k < Math.min(rows.size(), j + 5); k++) {
                for (TypedSpan s : rows.get(k).of(DataType.AMOUNT)) {
                    if (new BigDecimal(s.normalized()).compareTo(rounded) == 0) {
                        return Optional.of(new Candidate(rows.get(k), s, total.label(), total.score() + 0.5));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * How well an amount agrees with what was paid: equal is strong evidence; one digit apart, a pair
     * Tesseract confuses, still points at it (TOTAL 250.00 against cash minus change 250.08 read from 300.08).
     */
    private static double paymentAgreement(BigDecimal amount, BigDecimal tendered) {
        if (tendered == null) {
            return 0;
        }
        if (tendered.compareTo(amount) == 0) {
            return 2;
        }
        return oneConfusableDigitApart(amount, tendered) ? 1 : 0;
    }

    /**
     * "Total Sales Amount 33.00 / GST 6% 1.98 / Rounding 0.02 / TOTAL 35.00": a later total that is an earlier
     * one plus the amounts printed between them (tax, service charge, rounding) is the amount after them.
     */
    private static double afterTaxAndRounding(List<TaggedRow> rows, List<Candidate> totals, Candidate c) {
        int at = rows.indexOf(c.row());
        for (Candidate earlier : totals) {
            int from = rows.indexOf(earlier.row());
            if (from < 0 || at - from < 2 || at - from > 4) {
                continue;
            }
            BigDecimal sum = earlier.value();
            for (int k = from + 1; k < at; k++) {
                for (TypedSpan s : rows.get(k).of(DataType.AMOUNT)) {
                    sum = sum.add(new BigDecimal(s.normalized()));
                }
            }
            if (sum.compareTo(c.value()) == 0 && sum.compareTo(earlier.value()) != 0) {
                return 1;
            }
        }
        return 0;
    }

    private static boolean oneConfusableDigitApart(BigDecimal a, BigDecimal b) {
        String x = a.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        String y = b.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        if (x.length() != y.length()) {
            return false;
        }
        int differences = 0;
        boolean confusable = false;
        for (int i = 0; i < x.length(); i++) {
            if (x.charAt(i) != y.charAt(i)) {
                differences++;
                confusable = CONFUSABLE_DIGITS.contains("" + x.charAt(i) + y.charAt(i))
                        || CONFUSABLE_DIGITS.contains("" + y.charAt(i) + x.charAt(i));
            }
        }
        return differences == 1 && confusable;
    }

    /**
     * Malaysian cash totals are rounded to 5 sen (Bank Negara's rounding mechanism), so an amount paid
     * that is a multiple of 0.05 and differs from the labelled total in one digit only, while the total
     * is not such a multiple ("TOTAL 119.76", "CASH 120.06 / CHANGE 0.36"), says which digit OCR misread.
     */
    static Candidate agreeWithPayment(Candidate best, BigDecimal paid) {
        if (paid == null || paid.compareTo(best.value()) == 0 || !fiveSen(paid) || fiveSen(best.value())) {
            return best;
        }
        String tendered = paid.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        // Two sen or less is the rounding itself (12.37 paid as 12.35), not a misread digit.
        if (!oneConfusableDigitApart(best.value(), paid) || paid.subtract(best.value()).abs().compareTo(new BigDecimal("0.02")) <= 0) {
            return best;
        }
        TypedSpan s = best.span();
        String printed = s.text().replaceFirst("\\d[\\d.,\\s]*\\d", tendered);
        TypedSpan repaired = new TypedSpan(s.type(), s.start(), s.end(), printed, tendered, s.currency());
        return new Candidate(best.row(), repaired, best.label(), best.score());
    }

    /** Digit pairs Tesseract confuses on thermal receipt print (closed/open loops, 1 and 7). */
    private static final java.util.Set<String> CONFUSABLE_DIGITS = java.util.Set.of("06", "08", "09", "68", "38", "56", "35", "17", "89");

    private static boolean fiveSen(BigDecimal amount) {
        return amount.scale() <= 2 && amount.movePointRight(2).remainder(BigDecimal.valueOf(5)).signum() == 0;
    }

    private static Optional<Candidate> paidAmount(List<TaggedRow> rows, BigDecimal paid, boolean onCashRow) {
        for (TaggedRow row : rows) {
            boolean cashRow = CASH.matcher(row.upper()).find();
            if (cashRow != onCashRow || CHANGE.matcher(row.upper()).find()) {
                continue;
            }
            for (TypedSpan s : row.of(DataType.AMOUNT)) {
                if (new BigDecimal(s.normalized()).compareTo(paid) == 0) {
                    return Optional.of(new Candidate(row, s, null, 0.5));
                }
            }
        }
        return Optional.empty();
    }

    /** No labelled total: the largest amount in the lower half, tendered cash and change aside, is the best guess. */
    private static Candidate largestAmountBelowHalf(List<TaggedRow> rows) {
        Candidate best = null;
        for (int i = rows.size() / 2; i < rows.size(); i++) {
            if (CASH.matcher(rows.get(i).upper()).find() || CHANGE.matcher(rows.get(i).upper()).find()) {
                continue;
            }
            for (TypedSpan s : rows.get(i).of(DataType.AMOUNT)) {
                Candidate c = new Candidate(rows.get(i), s, null, 0);
                if (best == null || c.value().compareTo(best.value()) > 0) {
                    best = c;
                }
            }
        }
        return best;
    }

    /** The largest amount from a row down to the GST summary table, tendered cash and change aside. */
    private static Candidate largestAmountFrom(List<TaggedRow> rows, int from) {
        Candidate best = null;
        for (int i = Math.max(0, from); i < rows.size(); i++) {
            String upper = rows.get(i).upper();
            if (TAX_SUMMARY.matcher(upper).find()) {
                break;
            }
            if (CASH.matcher(upper).find() || CHANGE.matcher(upper).find()) {
                continue;
            }
            for (TypedSpan s : rows.get(i).of(DataType.AMOUNT)) {
                Candidate c = new Candidate(rows.get(i), s, null, 0.5);
                if (best == null || c.value().compareTo(best.value()) > 0) {
                    best = c;
                }
            }
        }
        return best;
    }

    /**
     * The amount as printed: a currency mark glued to the number is part of the printed word
     * ("RM4.00", "$8.20"); one set apart by a space is a separate word and not part of the value. A decimal
     * point OCR lost or read as a comma is put back ("RM28 05", "1,75").
     */
    static String printedAmount(TypedSpan span) {
        String printed = span.text().strip().replaceAll("(\\d),(\\d{2})$", "$1.$2").replaceAll("(\\d) (\\d{2})$", "$1.$2");
        return printed.matches("(?s)[^0-9(-]+\\s.*") ? printed.replaceAll("^[^0-9(-]+", "").strip() : printed;
    }

    private static ExpenseField field(ExpenseFieldType type, Candidate c, String currency, double certainty) {
        String value = printedAmount(c.span());
        return new ExpenseField(type, value, c.span().normalized(), c.label(),
                c.span().currency() != null ? c.span().currency() : currency, c.row().page(), c.row().boxOf(c.span()),
                c.row().confidenceOf(c.span()) * certainty);
    }
}
