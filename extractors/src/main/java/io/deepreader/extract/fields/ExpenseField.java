package io.deepreader.extract.fields;

import io.deepreader.ocr.geometry.Box;

/**
 * One extracted field: {@code value} as printed on the document, {@code normalized} in a canonical
 * form (ISO date, plain decimal) when the type has one, {@code label} the printed label it was
 * found beside (e.g. "TOTAL :"), {@code currency} an ISO 4217 code for amounts (Textract's
 * {@code Currency}). Box in original page pixels; confidence in [0,100], the OCR confidence of the
 * words scaled by how sure the rule that found them is.
 */
public record ExpenseField(ExpenseFieldType type, String value, String normalized, String label, String currency,
                           int page, Box box, double confidence) {
}
