package io.deepreader.ocr.document;

/**
 * Bounds on what one document may cost, checked before pixels are allocated: a 50000x50000 PNG
 * header must be refused, not decoded.
 */
public record DocumentLimits(long maxBytes, long maxPixelsPerPage, int maxPages, int pdfDpi) {

    /** 300 dpi PDF rendering; 100 MP pages (an A0 at 300 dpi is ~140 MP, an A3 ~17 MP). */
    public static final DocumentLimits DEFAULT = new DocumentLimits(200L << 20, 100_000_000L, 200, 300);

    public DocumentLimits {
        if (maxBytes <= 0 || maxPixelsPerPage <= 0 || maxPages <= 0 || pdfDpi <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    void checkPixels(long width, long height, int page) throws DocumentLimitException {
        if (width <= 0 || height <= 0) {
            throw new DocumentLimitException("page " + page + " has no pixels (" + width + "x" + height + ")");
        }
        if (width * height > maxPixelsPerPage) {
            throw new DocumentLimitException("page " + page + " is " + width + "x" + height + " = "
                    + (width * height) + " pixels, over the limit of " + maxPixelsPerPage);
        }
    }

    void checkPages(int pages) throws DocumentLimitException {
        if (pages > maxPages) {
            throw new DocumentLimitException(pages + " pages, over the limit of " + maxPages);
        }
    }
}
