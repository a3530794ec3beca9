package io.deepreader.extract.fields;

import java.util.List;
import java.util.Optional;

/** What the invoice/receipt field extractor found: summary fields, line items, and the document's currency (null if none shown). */
public record ExpenseDocument(String currency, List<ExpenseField> summaryFields, List<LineItem> lineItems) {
    public ExpenseDocument {
        summaryFields = List.copyOf(summaryFields);
        lineItems = List.copyOf(lineItems);
    }

    public Optional<ExpenseField> field(ExpenseFieldType type) {
        return summaryFields.stream().filter(f -> f.type() == type).findFirst();
    }

    public String valueOf(ExpenseFieldType type) {
        return field(type).map(ExpenseField::value).orElse("");
    }
}
