package io.deepreader.ocr.pipeline;

/**
 * Whether what Tesseract read in a detected box is a line of the page's result. Every box is read, and a box on a
 * speck, a rule's end, a logo or handwriting comes back blank or as a few symbols Tesseract itself doubts ("\",
 * "SS", ":_", "Vv"). A read is a line when it is not blank and either has more than {@code shortChars} letters and
 * digits or a line confidence of at least {@code minConfidence} (Tesseract's 0-100); a dropped read's detection
 * stays in {@code detections.json}.
 *
 * <p>The pipeline drops blank reads only ({@link #defaults()}). Dropping short doubtful reads as well was measured
 * and not shipped (docs/ctpn.md, "Reads that are not text"): on SROIE 000-249 (CTPN small-v2, fine-tuned line
 * model) 449 of 13,218 non-blank reads overlap no truth line, median confidence 39 against 93 for matched ones,
 * and 4:50 raised the delivered lines' F1 0.885 -> 0.893 (CER 0.081 -> 0.079), on 250-299 0.876 -> 0.887 (CER
 * 0.097 -> 0.095), but on the report split 300-399 only 0.893 -> 0.894 with CER 0.054 -> 0.055 (recall 0.875 ->
 * 0.859: short true lines such as "1" and "SR" read with low confidence there).
 */
public record LineEvidence(int shortChars, double minConfidence) {

    /** Drops blank reads only (what the pipeline did before). */
    public static final LineEvidence BLANK_ONLY = new LineEvidence(-1, 0);

    public LineEvidence {
        if (minConfidence < 0 || minConfidence > 100) {
            throw new IllegalArgumentException("minConfidence is Tesseract's 0-100: " + minConfidence);
        }
    }

    /** What the pipeline keeps: every read that is not blank. */
    public static LineEvidence defaults() {
        return BLANK_ONLY;
    }

    public boolean isText(String text, double confidence) {
        if (text.isBlank()) {
            return false;
        }
        return confidence >= minConfidence || text.codePoints().filter(Character::isLetterOrDigit).count() > shortChars;
    }
}
