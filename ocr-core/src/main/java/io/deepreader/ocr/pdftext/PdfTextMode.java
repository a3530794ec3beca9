package io.deepreader.ocr.pdftext;

import java.util.Locale;

/**
 * PDF_TEXT: how PDF pages are read. {@code AUTO} reads a page from its text layer when {@link TextLayerCheck}
 * finds it usable and OCRs the others; {@code NEVER} OCRs every page (the behaviour before text-layer reading);
 * {@code ALWAYS} reads every page that has any text from its text layer, usable or not (pages without glyphs are
 * still OCRed).
 */
public enum PdfTextMode {
    AUTO, NEVER, ALWAYS;

    public static PdfTextMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "never" -> NEVER;
            case "always" -> ALWAYS;
            default -> throw new IllegalArgumentException("PDF_TEXT must be auto, never or always, not " + value);
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
