package io.deepreader.extract.fields;

import io.deepreader.extract.types.DataType;
import io.deepreader.extract.types.TypedSpan;
import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line items: rows between the table header (DESCRIPTION / QTY / PRICE / AMOUNT) and the first
 * summary row. A row with an amount is an item (last amount = PRICE, the one before = UNIT_PRICE,
 * a small number or "n X" = QUANTITY); text-only rows are description lines of the item they touch.
 */
final class LineItemRules {
    private static final Pattern HEADER_WORD = Pattern.compile(
            "(?<![A-Z])(?:DESC|DESCRIPTION|ITEM|ITEMS|QTY|QUANTITY|PRICE|U/P|U\\.P|UNIT|AMOUNT|AMT|TOTAL|PRODUCT|DISC)(?![A-Z])");
    private static final Pattern QUANTITY = Pattern.compile("(?<![\\d.])(\\d{1,3}(?:\\.\\d{1,3})?)\\s*(?:X|@|PCS|PC|UNIT|NOS)(?![A-Z])");

    List<LineItem> extract(List<TaggedRow> rows, int summaryRow, String currency) {
        int start = tableStart(rows, summaryRow);
        if (start < 0) {
            return List.of();
        }
        List<Builder> items = new ArrayList<>();
        List<TaggedRow> pending = new ArrayList<>();
        for (int i = start; i < summaryRow; i++) {
            TaggedRow row = rows.get(i);
            List<TypedSpan> amounts = row.of(DataType.AMOUNT);
            if (amounts.isEmpty()) {
                if (row.freeLetters() >= 2) {
                    pending.add(row);
                }
                continue;
            }
            Builder item = new Builder(row, amounts, currency);
            if (item.hasDescription()) {
                if (!items.isEmpty()) {
                    items.get(items.size() - 1).describe(pending);
                }
            } else {
                item.describe(pending);
            }
            pending.clear();
            items.add(item);
        }
        if (!items.isEmpty()) {
            items.get(items.size() - 1).describe(pending);
        }
        return items.stream().filter(Builder::hasDescription).map(Builder::build).toList();
    }

    /** The row after the table header; or, with no header, the first row that looks like an item. */
    private static int tableStart(List<TaggedRow> rows, int summaryRow) {
        for (int i = 0; i < summaryRow; i++) {
            Matcher m = HEADER_WORD.matcher(rows.get(i).upper());
            int words = 0;
            while (m.find()) {
                words++;
            }
            if (words >= 2 && !rows.get(i).has(DataType.AMOUNT)) {
                return i + 1;
            }
        }
        return summaryRow > 0 ? Math.max(0, summaryRow - 12) : -1;
    }

    private static final class Builder {
        private final TaggedRow row;
        private final List<TypedSpan> amounts;
        private final String currency;
        private final List<TaggedRow> descriptionRows = new ArrayList<>();
        private String ownDescription;

        Builder(TaggedRow row, List<TypedSpan> amounts, String currency) {
            this.row = row;
            this.amounts = amounts;
            this.currency = currency;
            int firstValue = row.spans().stream().filter(s -> s.type() != DataType.TEXT).mapToInt(TypedSpan::start).min().orElse(0);
            String before = row.text().substring(0, firstValue).strip();
            this.ownDescription = before.replaceAll("[^A-Za-z]", "").length() >= 2 ? before : null;
        }

        boolean hasDescription() {
            return ownDescription != null || !descriptionRows.isEmpty();
        }

        void describe(List<TaggedRow> rows) {
            descriptionRows.addAll(rows);
        }

        LineItem build() {
            List<ExpenseField> fields = new ArrayList<>();
            Box box = row.row().box();
            List<String> parts = new ArrayList<>();
            Box descBox = null;
            List<TaggedRow> before = descriptionRows.stream().filter(r -> r.index() < row.index()).toList();
            List<TaggedRow> after = descriptionRows.stream().filter(r -> r.index() > row.index()).toList();
            for (TaggedRow r : before) {
                parts.add(r.text().strip());
                descBox = descBox == null ? r.row().box() : descBox.union(r.row().box());
            }
            if (ownDescription != null) {
                parts.add(ownDescription);
                Box own = row.row().boxOf(0, ownDescription.length()).orElse(box);
                descBox = descBox == null ? own : descBox.union(own);
            }
            for (TaggedRow r : after) {
                parts.add(r.text().strip());
                descBox = descBox == null ? r.row().box() : descBox.union(r.row().box());
            }
            for (TaggedRow r : descriptionRows) {
                box = box.union(r.row().box());
            }
            fields.add(new ExpenseField(ExpenseFieldType.ITEM, String.join(" ", parts), null, null, null, row.page(),
                    descBox == null ? box : descBox, row.row().confidence() * 0.7));
            quantity().ifPresent(fields::add);
            if (amounts.size() >= 2) {
                fields.add(amountField(ExpenseFieldType.UNIT_PRICE, amounts.get(amounts.size() - 2)));
            }
            fields.add(amountField(ExpenseFieldType.PRICE, amounts.get(amounts.size() - 1)));
            return new LineItem(row.page(), box, fields);
        }

        private java.util.Optional<ExpenseField> quantity() {
            Matcher m = QUANTITY.matcher(row.upper());
            if (m.find()) {
                return java.util.Optional.of(new ExpenseField(ExpenseFieldType.QUANTITY, m.group(1), m.group(1), null, null,
                        row.page(), row.row().boxOf(m.start(1), m.end(1)).orElse(row.row().box()),
                        row.row().confidenceOf(m.start(1), m.end(1)) * 0.7));
            }
            int firstAmount = amounts.get(0).start();
            return row.of(DataType.NUMBER).stream()
                    .filter(s -> s.start() < firstAmount || amounts.size() == 1)
                    .filter(s -> s.normalized().matches("\\d{1,3}(\\.\\d{1,3})?"))
                    .reduce((a, b) -> b)
                    .map(s -> new ExpenseField(ExpenseFieldType.QUANTITY, s.text(), s.normalized(), null, null, row.page(),
                            row.boxOf(s), row.confidenceOf(s) * 0.6));
        }

        private ExpenseField amountField(ExpenseFieldType type, TypedSpan s) {
            String value = s.text().strip().replaceAll("^[^0-9(-]+", "").strip();
            return new ExpenseField(type, value, s.normalized(), null, s.currency() != null ? s.currency() : currency,
                    row.page(), row.boxOf(s), row.confidenceOf(s) * 0.7);
        }
    }
}
