package io.deepreader.extract.fields;

import io.deepreader.ocr.geometry.Box;
import java.util.List;

/** One row of the item table (Textract's {@code LineItem} with its {@code EXPENSE_ROW} box); absent fields are left out. */
public record LineItem(int page, Box box, List<ExpenseField> fields) {
    public LineItem {
        fields = List.copyOf(fields);
    }
}
