package io.deepreader.ocr.pdftext;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Born-digital invoices made with PDFBox for the text-layer tests: several fonts (standard 14 and an embedded
 * TrueType), sizes 8-24 pt, a ruled line-item table, and the text each page was written with, so what the text layer
 * reads can be scored against it.
 */
final class BornDigitalInvoices {
    static final File DEJAVU = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    /** A run of text written at (x, y) in PDF points from the page's bottom-left. */
    record Run(String text, float x, float y) {
    }

    /** What a page was written with, in reading order (top to bottom, then left to right). */
    record Page(List<Run> runs) {
        String text() {
            return String.join("\n", runs.stream()
                    .sorted(Comparator.comparingDouble((Run r) -> -Math.round(r.y())).thenComparingDouble(Run::x))
                    .map(Run::text).toList());
        }
    }

    private BornDigitalInvoices() {
    }

    /** One invoice page's content; {@code items} line items starting at number {@code first}. */
    static Page drawInvoice(PDDocument pdf, PDPage page, int first, int items, RenderingMode mode) throws IOException {
        return drawInvoice(pdf, page, first, items, mode, 0);
    }

    /** As above, everything drawn {@code shiftDown} points lower than written in the returned runs. */
    static Page drawInvoice(PDDocument pdf, PDPage page, int first, int items, RenderingMode mode, float shiftDown)
            throws IOException {
        PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDFont helvetica = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        PDFont times = new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN);
        PDFont courier = new PDType1Font(Standard14Fonts.FontName.COURIER_BOLD);
        PDFont dejavu = DEJAVU.isFile() ? PDType0Font.load(pdf, DEJAVU) : helvetica;
        List<Run> runs = new ArrayList<>();
        try (PDPageContentStream c = new PDPageContentStream(pdf, page, PDPageContentStream.AppendMode.APPEND, true)) {
            if (shiftDown != 0) {
                c.transform(org.apache.pdfbox.util.Matrix.getTranslateInstance(0, -shiftDown));
            }
            text(c, runs, bold, 18, 50, 760, "ACME Industrial Supplies Ltd.", mode);
            text(c, runs, courier, 24, 400, 760, "INVOICE", mode);
            text(c, runs, times, 10, 50, 740, "12 Harbour Road, Port Kelang 42000", mode);
            text(c, runs, times, 10, 50, 727, "VAT reg. GB 123 4567 89", mode);
            text(c, runs, helvetica, 9, 400, 735, "Invoice No: INV-2026-" + (1000 + first), mode);
            text(c, runs, helvetica, 9, 400, 722, "Date: 2026-11-03", mode);
            text(c, runs, dejavu, 11, 50, 690, "Bill to: Müller & Søn GmbH, Köln", mode);

            float top = 650;
            float row = 18;
            float[] columns = {50, 300, 370, 460, 550};
            String[] header = {"Description", "Qty", "Unit Price", "Amount"};
            for (int col = 0; col < header.length; col++) {
                text(c, runs, bold, 10, columns[col] + 4, top - 13, header[col], mode);
            }
            double subtotal = 0;
            for (int i = 0; i < items; i++) {
                int n = first + i;
                int qty = 1 + n % 7;
                double price = 3.25 + n * 1.5;
                subtotal += qty * price;
                float y = top - row * (i + 1) - 13;
                text(c, runs, helvetica, 9, columns[0] + 4, y, "Widget type " + (char) ('A' + n % 26) + "-" + n, mode);
                text(c, runs, helvetica, 9, columns[1] + 4, y, String.valueOf(qty), mode);
                text(c, runs, helvetica, 9, columns[2] + 4, y, String.format("%.2f", price), mode);
                text(c, runs, helvetica, 9, columns[3] + 4, y, String.format("%.2f", qty * price), mode);
            }
            // Rulings: the table's grid, drawn as vector strokes.
            c.setLineWidth(0.75f);
            for (int r = 0; r <= items + 1; r++) {
                c.moveTo(columns[0], top - row * r);
                c.lineTo(columns[columns.length - 1], top - row * r);
            }
            for (float x : columns) {
                c.moveTo(x, top);
                c.lineTo(x, top - row * (items + 1));
            }
            c.stroke();
            float y = top - row * (items + 1) - 30;
            text(c, runs, bold, 12, 370, y, "Total: " + String.format("%.2f", subtotal), mode);
            text(c, runs, times, 8, 50, 60, "Payment due within 30 days. Thank you for your business.", mode);
        }
        return new Page(runs);
    }

    private static void text(PDPageContentStream c, List<Run> runs, PDFont font, float size, float x, float y,
                             String text, RenderingMode mode) throws IOException {
        c.beginText();
        c.setRenderingMode(mode);
        c.setFont(font, size);
        c.newLineAtOffset(x, y);
        c.showText(text);
        c.endText();
        runs.add(new Run(text, x, y));
    }

    /** A document of invoice pages; {@code rotation} is each page's /Rotate. */
    static Written invoices(int pages, int itemsPerPage, int rotation) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            List<Page> written = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                page.setRotation(rotation);
                pdf.addPage(page);
                written.add(drawInvoice(pdf, page, 1 + p * itemsPerPage, itemsPerPage, RenderingMode.FILL));
            }
            return new Written(save(pdf), written);
        }
    }

    /** A PDF and the text each page was written with. */
    record Written(byte[] pdf, List<Page> pages) {
    }

    /** The invoice rendered to a grey image at {@code dpi}: what a scanner would return for the printed page. */
    static BufferedImage scanOf(byte[] pdf, int dpi) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFRenderer(doc).renderImageWithDPI(0, dpi, ImageType.GRAY);
        }
    }

    /**
     * A scanned page: the image fills the page; with {@code layer} the invoice's text is drawn invisible on top,
     * shifted down by {@code layerShift} points (0 = aligned, as a good OCR layer is).
     */
    static byte[] scannedPage(BufferedImage scan, boolean layer, float layerShift) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            pdf.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(pdf, scan);
            try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                c.drawImage(image, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
            }
            if (layer) {
                drawInvoice(pdf, page, 1, 6, RenderingMode.NEITHER, layerShift);
            }
            return save(pdf);
        }
    }

    /** An invoice page with a scan (image only) pasted over its lower part, where no text is. */
    static byte[] invoiceWithPastedScan(BufferedImage scan) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            pdf.addPage(page);
            drawInvoice(pdf, page, 1, 3, RenderingMode.FILL);
            PDImageXObject image = LosslessFactory.createFromImage(pdf, scan);
            try (PDPageContentStream c = new PDPageContentStream(pdf, page, PDPageContentStream.AppendMode.APPEND, true)) {
                c.drawImage(image, 50, 90, 400, 420);
            }
            return save(pdf);
        }
    }

    /**
     * The invoice with its embedded TrueType (DejaVu, Identity-H) as the only font, its ToUnicode map removed and the
     * font program's own cmap hidden (the table renamed, when the subset has one), as subset fonts from some billing systems arrive: the page
     * renders the same, but its glyphs have no Unicode mapping.
     */
    static byte[] withoutToUnicode() throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            pdf.addPage(page);
            PDType0Font font = PDType0Font.load(pdf, DEJAVU);
            try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                for (int i = 0; i < 20; i++) {
                    c.beginText();
                    c.setFont(font, 12);
                    c.newLineAtOffset(50, 740 - 30 * i);
                    c.showText("Line item " + i + ": Widget, 3 x 12.50 = 37.50 EUR");
                    c.endText();
                }
            }
            byte[] saved = save(pdf);
            try (PDDocument again = Loader.loadPDF(saved)) {
                PDType0Font reloaded = (PDType0Font) again.getPage(0).getResources()
                        .getFont(again.getPage(0).getResources().getFontNames().iterator().next());
                reloaded.getCOSObject().removeItem(COSName.TO_UNICODE);
                var descriptor = reloaded.getDescendantFont().getFontDescriptor();
                PDStream program = descriptor.getFontFile2();
                byte[] ttf = program.toByteArray();
                hideTable(ttf, "cmap");
                PDStream replaced = new PDStream(again, new java.io.ByteArrayInputStream(ttf), COSName.FLATE_DECODE);
                replaced.getCOSObject().setInt(COSName.LENGTH1, ttf.length);
                descriptor.setFontFile2(replaced);
                return save(again);
            }
        }
    }

    /** Renames a TrueType table in the table directory so no reader finds it. */
    private static void hideTable(byte[] ttf, String tag) {
        int tables = ((ttf[4] & 0xff) << 8) | (ttf[5] & 0xff);
        byte[] wanted = tag.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < tables; i++) {
            int at = 12 + 16 * i;
            if (java.util.Arrays.equals(ttf, at, at + 4, wanted, 0, 4)) {
                ttf[at] = 'x';
                return;
            }
        }
        // PDFBox's subset of an Identity-H font carries no cmap: nothing to hide.
    }

    static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.save(out);
        return out.toByteArray();
    }

    static byte[] concat(List<byte[]> pdfs) throws IOException {
        try (PDDocument merged = new PDDocument()) {
            List<PDDocument> sources = new ArrayList<>();
            try {
                for (byte[] bytes : pdfs) {
                    PDDocument source = Loader.loadPDF(bytes);
                    sources.add(source);
                    for (PDPage page : source.getPages()) {
                        merged.importPage(page);
                    }
                }
                return save(merged);
            } finally {
                for (PDDocument source : sources) {
                    source.close();
                }
            }
        }
    }

    static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
    }
}
