package io.deepreader.ocr.pdftext;

/**
 * Whether a PDF page's text layer is read instead of OCRing the page, and the measurements behind it.
 *
 * @param readFromTextLayer the page's result comes from the text layer (detector {@code pdf-text})
 * @param reason            why, in a few words ({@code usable}, {@code no-text}, {@code uncovered-ink}, ...)
 * @param glyphs            text positions PDFBox extracted (glyphs with a Unicode mapping)
 * @param cleanFraction     fraction of the glyphs the page shows whose text is a printable character (unmapped
 *                          glyphs PDFBox drops count as not; nor does a control code,
 *                          private use or U+FFFD: what a font without a ToUnicode map extracts as)
 * @param inkCoverage       fraction of the page's rendered ink (text and images, vector paths left out) that
 *                          falls inside the glyphs' boxes; 1 when the page paints no image (then nothing is rendered) or has no ink
 * @param invisibleGlyphs   glyphs drawn invisible (render mode 3/7): an OCR layer over a scan
 */
public record TextLayerVerdict(boolean readFromTextLayer, String reason, int glyphs, double cleanFraction,
                               double inkCoverage, int invisibleGlyphs) {
}
