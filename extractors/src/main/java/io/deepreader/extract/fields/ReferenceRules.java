package io.deepreader.extract.fields;

import io.deepreader.extract.types.DataType;
import io.deepreader.extract.types.TypedSpan;
import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** INVOICE_RECEIPT_DATE and INVOICE_RECEIPT_ID. */
final class ReferenceRules {
    private static final Pattern DATE_LABEL = Pattern.compile("DATE|TARIKH");
    private static final Pattern ID = Pattern.compile(
            "(?<![A-Z])(?:INVOICE|INV|RECEIPT|RCPT|BILL|DOC(?:UMENT)?|TRANS(?:ACTION)?|TRN|SLIP|CHECK|CHK|ORDER|REF|RECEIPT)"
                    + "\\s*(?:(?:NO|NUMBER|NUM|#|ID)\\b\\.?\\s*[:#]?|[:#])\\s*([A-Z0-9][A-Z0-9/_-]{2,})");

    List<ExpenseField> extract(List<TaggedRow> rows) {
        List<ExpenseField> out = new ArrayList<>();
        date(rows, out);
        id(rows, out);
        return out;
    }

    /** The first date on a row labelled DATE, else the first date on the document. */
    private static void date(List<TaggedRow> rows, List<ExpenseField> out) {
        TaggedRow bestRow = null;
        TypedSpan best = null;
        double certainty = 0;
        for (TaggedRow row : rows) {
            List<TypedSpan> dates = row.of(DataType.DATE);
            if (dates.isEmpty()) {
                continue;
            }
            boolean labelled = DATE_LABEL.matcher(row.upper()).find();
            if (best == null || labelled && certainty < 0.9) {
                bestRow = row;
                best = dates.get(0);
                certainty = labelled ? 0.9 : 0.75;
            }
            if (certainty >= 0.9) {
                break;
            }
        }
        if (best != null) {
            String label = bestRow.text().substring(0, best.start()).strip();
            out.add(new ExpenseField(ExpenseFieldType.INVOICE_RECEIPT_DATE, best.text().strip(), best.normalized(),
                    label.isEmpty() ? null : label, null, bestRow.page(), bestRow.boxOf(best), bestRow.confidenceOf(best) * certainty));
        }
    }

    private static void id(List<TaggedRow> rows, List<ExpenseField> out) {
        for (TaggedRow row : rows) {
            Matcher m = ID.matcher(row.upper());
            while (m.find()) {
                String value = row.text().substring(m.start(1), m.end(1));
                if (value.chars().noneMatch(Character::isDigit)) {
                    continue;
                }
                Box box = row.row().boxOf(m.start(1), m.end(1)).orElse(row.row().box());
                out.add(new ExpenseField(ExpenseFieldType.INVOICE_RECEIPT_ID, value, value.toUpperCase(Locale.ROOT),
                        row.text().substring(m.start(), m.start(1)).strip(), null, row.page(), box,
                        row.row().confidenceOf(m.start(1), m.end(1)) * 0.8));
                return;
            }
        }
    }
}
