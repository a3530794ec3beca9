package io.deepreader.ocr.document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.contentstream.PDContentStream;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;

/**
 * The images a PDF page draws, as their dictionaries declare them, without decoding a byte of image data: image
 * XObjects in the page's resources and in the forms it holds (each once), and inline images ({@code BI ... ID ...
 * EI}) in the page's content stream and the forms' streams, found by PDFBox's content stream tokenizer. Rendering
 * decodes every one at full size whatever the page's size, so their pixel counts are what a limit must see.
 * Images inside patterns, Type 3 fonts, soft masks and annotation appearances are not looked at.
 */
final class PdfPageImages {
    /** One image: its resource name (or "inline"), declared size and whether it is JPEG 2000 (JPXDecode). */
    record Image(String name, long width, long height, boolean jpx) {
        long pixels() {
            return width * height;
        }
    }

    private final List<Image> images = new ArrayList<>();
    private final Set<COSBase> seen = new HashSet<>();

    private PdfPageImages() {
    }

    static List<Image> of(PDPage page) {
        PdfPageImages found = new PdfPageImages();
        found.inline(page);
        found.xobjects(page.getResources() == null ? null : page.getResources().getCOSObject());
        return List.copyOf(found.images);
    }

    private void xobjects(COSDictionary resources) {
        if (resources == null || !(resources.getDictionaryObject(COSName.XOBJECT) instanceof COSDictionary xobjects)) {
            return;
        }
        for (COSName name : xobjects.keySet()) {
            if (!(xobjects.getDictionaryObject(name) instanceof COSStream xobject) || !seen.add(xobject)) {
                continue;
            }
            if (COSName.IMAGE.equals(xobject.getCOSName(COSName.SUBTYPE))) {
                images.add(new Image(name.getName(), xobject.getInt(COSName.WIDTH, 0), xobject.getInt(COSName.HEIGHT, 0),
                        usesFilter(xobject.getDictionaryObject(COSName.FILTER, COSName.F), COSName.JPX_DECODE)));
            } else if (COSName.FORM.equals(xobject.getCOSName(COSName.SUBTYPE))) {
                inline(new PDFormXObject(xobject));
                if (xobject.getDictionaryObject(COSName.RESOURCES) instanceof COSDictionary formResources) {
                    xobjects(formResources);
                }
            }
        }
    }

    /**
     * The tokenizer keeps an inline image's bytes as stored (bounded by the file's size) and decodes nothing. A
     * stream that does not tokenize ends the scan of that stream: the renderer stops at the same place.
     */
    private void inline(PDContentStream stream) {
        try {
            PDFStreamParser parser = new PDFStreamParser(stream);
            for (Object token = parser.parseNextToken(); token != null; token = parser.parseNextToken()) {
                if (token instanceof Operator op && "BI".equals(op.getName()) && op.getImageParameters() != null) {
                    COSDictionary params = op.getImageParameters();
                    images.add(new Image("inline", params.getInt(COSName.W, COSName.WIDTH, 0),
                            params.getInt(COSName.H, COSName.HEIGHT, 0), false));
                }
            }
        } catch (IOException | RuntimeException e) {
            // See above: nothing past this point is drawn either.
        }
    }

    private static boolean usesFilter(COSBase filters, COSName filter) {
        if (filters instanceof COSName one) {
            return one.equals(filter);
        }
        if (filters instanceof COSArray chain) {
            for (int i = 0; i < chain.size(); i++) {
                if (filter.equals(chain.getObject(i))) {
                    return true;
                }
            }
        }
        return false;
    }
}
