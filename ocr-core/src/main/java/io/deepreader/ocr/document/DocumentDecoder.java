package io.deepreader.ocr.document;

import io.deepreader.ocr.image.GrayImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Opens PNG, JPEG, TIFF (multi-page, CCITT G4 included) and PDF documents within {@link DocumentLimits}. */
public final class DocumentDecoder {
    private final DocumentLimits limits;
    /**
     * PDFBox decodes JPXDecode images through an ImageIO "JPEG2000" reader; without one it logs and draws
     * nothing, so the page would come out blank. The one on Maven Central (jai-imageio-jpeg2000) is under the
     * JJ2000 licence, which grants no right for non-conforming products and warns of patents, so it is not
     * bundled: such a page is refused as unsupported instead of read as empty.
     */
    private final boolean jpxDecoder;

    public DocumentDecoder(DocumentLimits limits) {
        this.limits = limits;
        this.jpxDecoder = ImageIO.getImageReadersByFormatName("JPEG2000").hasNext();
    }

    public DocumentLimits limits() {
        return limits;
    }

    public DecodedDocument open(byte[] bytes) throws DocumentException {
        if (bytes.length > limits.maxBytes()) {
            throw new DocumentLimitException(bytes.length + " bytes, over the limit of " + limits.maxBytes());
        }
        DocumentFormat format = DocumentFormat.sniff(bytes);
        return format == DocumentFormat.PDF ? openPdf(bytes) : openRaster(bytes, format);
    }

    private DecodedDocument openRaster(byte[] bytes, DocumentFormat format) throws DocumentException {
        ImageInputStream in;
        try {
            in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new CorruptDocumentException("cannot read " + format, e);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase());
        if (!readers.hasNext()) {
            throw new UnsupportedDocumentException("no decoder for " + format + " on this runtime");
        }
        ImageReader reader = preferJdk(readers);
        // Metadata is skipped except for a TIFF, whose pages carry their Orientation tag in it (the JDK reader keeps
        // only the tags it needs to decode when told to ignore metadata).
        reader.setInput(in, false, format != DocumentFormat.TIFF);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try {
            int pages = format == DocumentFormat.TIFF ? reader.getNumImages(true) : 1;
            if (pages < 1) {
                throw new CorruptDocumentException(format + " holds no image");
            }
            limits.checkPages(pages);
            ExifOrientation exif = format == DocumentFormat.JPEG ? ExifOrientation.of(bytes) : ExifOrientation.NONE;
            return new RasterDocument(format, reader, in, pages, warnings, exif);
        } catch (IOException | RuntimeException e) {
            reader.dispose();
            throw new CorruptDocumentException("cannot read " + format + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's own readers first: jai-imageio (pulled in by Tess4J) also registers a TIFF reader, and that
     * one returns a half-blank page for a truncated file instead of failing.
     */
    private static ImageReader preferJdk(Iterator<ImageReader> readers) {
        ImageReader first = readers.next();
        if (first.getClass().getName().startsWith("com.sun.imageio.")) {
            return first;
        }
        while (readers.hasNext()) {
            ImageReader next = readers.next();
            if (next.getClass().getName().startsWith("com.sun.imageio.")) {
                first.dispose();
                return next;
            }
            next.dispose();
        }
        return first;
    }

    private DecodedDocument openPdf(byte[] bytes) throws DocumentException {
        PDDocument pdf;
        try {
            pdf = Loader.loadPDF(bytes);
        } catch (InvalidPasswordException e) {
            throw new EncryptedDocumentException("the PDF is password-protected", e);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDocumentException("cannot parse PDF: " + e.getMessage(), e);
        }
        try {
            int pages = pdf.getNumberOfPages();
            if (pages < 1) {
                throw new CorruptDocumentException("the PDF has no pages");
            }
            limits.checkPages(pages);
            // Every page's images before any page is read: the text-layer check renders a page too.
            List<List<PdfPageImages.Image>> images = new ArrayList<>(pages);
            for (int i = 0; i < pages; i++) {
                PDPage page;
                try {
                    page = pdf.getPage(i);
                } catch (RuntimeException e) {
                    throw new CorruptDocumentException("cannot read PDF page " + (i + 1) + ": " + e.getMessage(), e);
                }
                images.add(checkedImages(page, i + 1));
            }
            return new PdfDocument(pdf, pages, images);
        } catch (DocumentException | RuntimeException e) {
            closeQuietly(pdf);
            throw e;
        }
    }

    /**
     * Rendering decodes every image a page draws at its full size, whatever the page's own size: a 30000x30000
     * image in an 875 KB PDF is 900 MP. Sizes come from the images' dictionaries (XObjects and inline images),
     * nothing is decoded.
     */
    private List<PdfPageImages.Image> checkedImages(PDPage page, int number) throws DocumentException {
        List<PdfPageImages.Image> images = PdfPageImages.of(page);
        for (PdfPageImages.Image image : images) {
            if (image.pixels() > limits.maxPixelsPerPage()) {
                throw new DocumentLimitException("page " + number + " embeds a " + image.width() + "x" + image.height()
                        + (image.name().equals("inline") ? " inline" : "") + " image = " + image.pixels()
                        + " pixels, over the limit of " + limits.maxPixelsPerPage());
            }
        }
        return images;
    }

    private static void closeQuietly(PDDocument pdf) {
        try {
            pdf.close();
        } catch (IOException ignored) {
            // Nothing was written through it; a failed close loses nothing.
        }
    }

    private final class RasterDocument implements DecodedDocument {
        private final DocumentFormat format;
        private final ImageReader reader;
        private final ImageInputStream in;
        private final int pages;
        private final List<String> warnings;
        private final ExifOrientation exif;

        RasterDocument(DocumentFormat format, ImageReader reader, ImageInputStream in, int pages, List<String> warnings,
                       ExifOrientation exif) {
            this.exif = exif;
            this.format = format;
            this.reader = reader;
            this.in = in;
            this.pages = pages;
            this.warnings = warnings;
        }

        @Override
        public DocumentFormat format() {
            return format;
        }

        @Override
        public int pageCount() {
            return pages;
        }

        @Override
        public GrayImage page(int index) throws DocumentException {
            try {
                limits.checkPixels(reader.getWidth(index), reader.getHeight(index), index + 1);
                warnings.clear();
                BufferedImage image = reader.read(index);
                // The JPEG decoder fills a truncated file with gray and only warns: treat that as corrupt.
                if (warnings.stream().anyMatch(w -> w.toLowerCase().contains("premature end"))) {
                    throw new CorruptDocumentException(format + " page " + (index + 1) + " is truncated: " + warnings);
                }
                return GrayImage.from(image);
            } catch (IOException | RuntimeException e) {
                throw new CorruptDocumentException("cannot decode " + format + " page " + (index + 1) + ": " + e.getMessage(), e);
            }
        }

        @Override
        public ExifOrientation storedOrientation(int index) {
            if (format != DocumentFormat.TIFF) {
                return exif;
            }
            try {
                return ExifOrientation.ofTiffPage(reader.getImageMetadata(index));
            } catch (IOException | RuntimeException e) {
                // The page itself decoded; metadata that does not parse says nothing.
                return ExifOrientation.NONE;
            }
        }

        @Override
        public void close() {
            reader.dispose();
            try {
                in.close();
            } catch (IOException ignored) {
                // In-memory stream: closing cannot lose data.
            }
        }
    }

    private final class PdfDocument implements DecodedDocument {
        private final PDDocument pdf;
        private final PDFRenderer renderer;
        private final int pages;
        private final List<List<PdfPageImages.Image>> images;

        PdfDocument(PDDocument pdf, int pages, List<List<PdfPageImages.Image>> images) {
            this.pdf = pdf;
            this.renderer = new PDFRenderer(pdf);
            this.pages = pages;
            this.images = images;
        }

        @Override
        public DocumentFormat format() {
            return DocumentFormat.PDF;
        }

        @Override
        public int pageCount() {
            return pages;
        }

        @Override
        public GrayImage page(int index) throws DocumentException {
            try {
                PDPage page = pdf.getPage(index);
                PDRectangle box = page.getCropBox();
                if (!(box.getWidth() > 0 && box.getHeight() > 0)) {
                    // A page box of no area is a broken file, not an oversized one.
                    throw new CorruptDocumentException("PDF page " + (index + 1) + " has a page box of no area ("
                            + box.getWidth() + "x" + box.getHeight() + " pt)");
                }
                double scale = limits.pdfDpi() / 72.0;
                boolean quarterTurn = page.getRotation() % 180 != 0;
                long w = Math.round((quarterTurn ? box.getHeight() : box.getWidth()) * scale);
                long h = Math.round((quarterTurn ? box.getWidth() : box.getHeight()) * scale);
                limits.checkPixels(w, h, index + 1);
                checkJpx(index);
                return GrayImage.from(renderer.renderImageWithDPI(index, limits.pdfDpi(), ImageType.GRAY));
            } catch (IOException | RuntimeException e) {
                throw new CorruptDocumentException("cannot render PDF page " + (index + 1) + ": " + e.getMessage(), e);
            }
        }

        private void checkJpx(int index) throws DocumentException {
            if (jpxDecoder) {
                return;
            }
            for (PdfPageImages.Image image : images.get(index)) {
                if (image.jpx()) {
                    throw new UnsupportedDocumentException("page " + (index + 1) + " draws a JPEG 2000 image ("
                            + image.name() + ", JPXDecode, " + image.width() + "x" + image.height()
                            + ") and this runtime has no JPEG 2000 decoder; the page would render without it");
                }
            }
        }

        @Override
        public void close() {
            closeQuietly(pdf);
        }
    }
}
