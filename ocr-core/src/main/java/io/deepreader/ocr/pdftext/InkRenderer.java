package io.deepreader.ocr.pdftext;

import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * Renders what a page shows as text and images, leaving vector paths out: table rulings, boxes and rules are
 * visible content no glyph covers, and they hold no characters either, so they must not count against a text layer.
 * (Text converted to outlines is left out too: such a page is read from whatever glyphs remain.)
 */
final class InkRenderer extends PDFRenderer {

    InkRenderer(PDDocument pdf) {
        super(pdf);
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
        return new PageDrawer(parameters) {
            @Override
            public void strokePath() {
                endPath();
            }

            @Override
            public void fillPath(int windingRule) {
                endPath();
            }

            @Override
            public void fillAndStrokePath(int windingRule) {
                endPath();
            }
        };
    }
}
