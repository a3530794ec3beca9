package io.deepreader.ocr.document;

import io.deepreader.ocr.image.GrayImage;

/**
 * An opened document whose pages are decoded one at a time, on demand, so a 500-page PDF never holds
 * more than one rendered page in memory.
 */
public interface DecodedDocument extends AutoCloseable {

    DocumentFormat format();

    int pageCount();

    /** Decodes page {@code index} (0-based) to gray. */
    GrayImage page(int index) throws DocumentException;

    /**
     * How far clockwise page {@code index}'s content is rotated in the stored pixels, as the file's own metadata
     * says (a JPEG's EXIF Orientation, a TIFF page's Orientation tag); 0 when the file says nothing.
     */
    default ExifOrientation storedOrientation(int index) {
        return ExifOrientation.NONE;
    }

    @Override
    void close();
}
