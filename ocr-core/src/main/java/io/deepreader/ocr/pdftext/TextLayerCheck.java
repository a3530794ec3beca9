package io.deepreader.ocr.pdftext;

/**
 * The usability rule for a page's text layer: enough glyphs, nearly all of them printable characters, and their
 * boxes covering the ink the page shows.
 *
 * <p>Unmapped glyphs count against the printable fraction: PDFBox drops the glyphs of a composite font that has no
 * ToUnicode map (and coerces a simple font's codes into control characters), so shown glyphs without text positions
 * are counted from the content stream itself.
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

    /**
     * @param shown       glyphs the page shows
     * @param glyphs      of those, the ones with a Unicode mapping (text positions)
     * @param printable   of those, the ones whose text is printable
     * @param inkCoverage fraction of the page's ink inside glyph boxes (1 when the page paints no image)
     */
    public TextLayerVerdict judge(PdfTextMode mode, int shown, int glyphs, int printable, double inkCoverage,
                                  int invisible) {
        double clean = shown == 0 ? 0 : (double) printable / Math.max(shown, glyphs);
        if (mode == PdfTextMode.NEVER) {
            return new TextLayerVerdict(false, "pdf-text-never", glyphs, clean, inkCoverage, invisible);
        }
        if (shown < Math.max(1, minGlyphs) || (mode == PdfTextMode.ALWAYS && glyphs == 0)) {
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

    /** Only {@link PdfTextMode#NEVER}: nothing was looked at. */
    public TextLayerVerdict never() {
        return judge(PdfTextMode.NEVER, 0, 0, 0, 1, 0);
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
