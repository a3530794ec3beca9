package io.deepreader.ocr.pdftext;

/**
 * The usability rule for a page's text layer: enough glyphs, nearly all of them printable characters, and their
 * boxes covering the ink the page shows.
 *
 * <p>Ink coverage is what tells a born-digital page from a scan: a page image (or an image-only region such as a
 * pasted scan) puts ink where no glyph is, and glyphs of a composite font without a Unicode mapping are dropped by
 * PDFBox, so their ink is uncovered too. An invisible OCR layer over a scan passes only when its glyph boxes sit on
 * the scan's ink (a layer that misses lines or is offset fails), and its characters are printable; whether its
 * characters are the right ones is not checked (that would need OCR of the page).
 */
public record TextLayerCheck(int minGlyphs, double minCleanFraction, double minInkCoverage) {

    /**
     * 95% printable: a font without a ToUnicode map coerces character codes (often 1..n for a subset font) into
     * control characters, so garbage is far below that. 90% coverage leaves room for anti-aliased glyph edges
     * outside the boxes at the check's 50 dpi (generated invoices measure 0.97-1.00; a page with a pasted scan
     * of a third of the page measures under 0.6).
     */
    public static final TextLayerCheck DEFAULT = new TextLayerCheck(1, 0.95, 0.90);

    public TextLayerVerdict judge(PdfTextMode mode, int glyphs, int printable, double inkCoverage, int invisible) {
        double clean = glyphs == 0 ? 0 : (double) printable / glyphs;
        if (mode == PdfTextMode.NEVER) {
            return new TextLayerVerdict(false, "pdf-text-never", glyphs, clean, inkCoverage, invisible);
        }
        if (glyphs < Math.max(1, minGlyphs)) {
            return new TextLayerVerdict(false, "no-text", glyphs, clean, inkCoverage, invisible);
        }
        if (mode == PdfTextMode.ALWAYS) {
            return new TextLayerVerdict(true, "pdf-text-always", glyphs, clean, inkCoverage, invisible);
        }
        if (clean < minCleanFraction) {
            return new TextLayerVerdict(false, "unmapped-glyphs", glyphs, clean, inkCoverage, invisible);
        }
        if (inkCoverage < minInkCoverage) {
            return new TextLayerVerdict(false, "uncovered-ink", glyphs, clean, inkCoverage, invisible);
        }
        return new TextLayerVerdict(true, invisible > 0 ? "usable-invisible-layer" : "usable", glyphs, clean,
                inkCoverage, invisible);
    }

    /** A character a text layer legitimately holds: not a control code, private use, unassigned or U+FFFD. */
    static boolean printable(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return text.codePoints().allMatch(cp -> {
            int type = Character.getType(cp);
            return cp != 0xFFFD && type != Character.CONTROL && type != Character.PRIVATE_USE
                    && type != Character.UNASSIGNED && type != Character.SURROGATE;
        });
    }
}
