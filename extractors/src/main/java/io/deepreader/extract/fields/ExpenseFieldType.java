package io.deepreader.extract.fields;

/**
 * Field types named as Amazon Textract AnalyzeExpense names them, so that code written for
 * Textract's {@code SummaryFields}/{@code LineItemExpenseFields} reads ours unchanged.
 */
public enum ExpenseFieldType {
    VENDOR_NAME,
    VENDOR_ADDRESS,
    INVOICE_RECEIPT_ID,
    INVOICE_RECEIPT_DATE,
    SUBTOTAL,
    TAX,
    TOTAL,
    // Line item fields (Textract's LineItemExpenseFields).
    ITEM,
    QUANTITY,
    UNIT_PRICE,
    PRICE
}
