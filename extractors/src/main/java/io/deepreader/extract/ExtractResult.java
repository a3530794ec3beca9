package io.deepreader.extract;

import io.deepreader.extract.fields.ExpenseField;
import io.deepreader.extract.fields.LineItem;
import io.deepreader.extract.types.TypedLine;
import java.util.List;

/**
 * extract.json: the invoice/receipt fields (Textract AnalyzeExpense names) and every OCR line and
 * word with its data type. Boxes in original page pixels, confidences in [0,100].
 */
public record ExtractResult(int schemaVersion, String batchId, String docId, int pages, String currency,
                            List<ExpenseField> summaryFields, List<LineItem> lineItems, List<TypedLine> lines) {

    public static final int SCHEMA_VERSION = 1;

    public ExtractResult {
        summaryFields = List.copyOf(summaryFields);
        lineItems = List.copyOf(lineItems);
        lines = List.copyOf(lines);
    }
}
