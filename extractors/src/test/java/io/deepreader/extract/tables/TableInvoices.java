package io.deepreader.extract.tables;

import io.deepreader.ocr.geometry.Box;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Invoices with line-item tables whose every cell is known, made with PDFBox for the table tests: ruled tables of
 * several sizes (some with header cells merged over two columns or two rows, and a subtotal row merged across the
 * description columns) and unruled ones (white space only, amounts right-aligned). Around each table the usual
 * letterhead, addresses and a total line, so a finder must also leave the rest of the page alone.
 */
final class TableInvoices {
    static final float DPI = 300;
    static final float PAGE_HEIGHT = PDRectangle.LETTER.getHeight();
    private static final float ROW = 20;
    private static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private static final PDFont PLAIN = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    /** A truth cell: grid position (0-based), span, text. */
    record Cell(int row, int col, int rowSpan, int colSpan, String text) {
    }

    /** A table as written: ruled or not, grid size, its cells, and its box in page pixels at {@link #DPI}. */
    record Truth(TableKind kind, int rows, int cols, List<Cell> cells, Box box) {
    }

    /** One invoice: its PDF and the tables on its one page. */
    record Invoice(String name, byte[] pdf, List<Truth> tables) {
    }

    /** How a layout differs: columns, items, merged header, merged subtotal row, rulings. */
    record Layout(String name, boolean ruled, int items, boolean codeColumn, boolean twoRowHeader, boolean subtotalRow) {
    }

    static final List<Layout> RULED = List.of(
            new Layout("ruled-3x4", true, 3, false, false, false),
            new Layout("ruled-6x5", true, 6, true, false, false),
            new Layout("ruled-10x4-merged-header", true, 10, false, true, false),
            new Layout("ruled-5x5-merged-header-subtotal", true, 5, true, true, true),
            new Layout("ruled-14x4-subtotal", true, 14, false, false, true));
    static final List<Layout> UNRULED = List.of(
            new Layout("unruled-4x4", false, 4, false, false, false),
            new Layout("unruled-8x5", false, 8, true, false, false),
            new Layout("unruled-12x4", false, 12, false, false, false));

    private TableInvoices() {
    }

    static Invoice invoice(Layout layout, int seed) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            pdf.addPage(page);
            Truth truth;
            try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                text(c, BOLD, 16, 50, 740, "Northwind Office Supply Co.");
                text(c, BOLD, 20, 430, 740, "INVOICE");
                text(c, PLAIN, 10, 50, 722, "88 Quay Street, Penang 10200");
                text(c, PLAIN, 10, 430, 722, "No. INV-" + (4000 + seed));
                text(c, PLAIN, 10, 50, 680, "Bill to: Ridgeview Clinic, 3 Orchard Lane");
                truth = table(c, layout, seed, 640);
                float bottom = 640 - ROW * truth.rows() - 30;
                text(c, BOLD, 11, 380, bottom, "Total due: " + money(total(layout, seed)));
                text(c, PLAIN, 8, 50, 60, "Payment within 30 days by bank transfer. Thank you.");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return new Invoice(layout.name() + "-" + seed, out.toByteArray(), List.of(truth));
        }
    }

    private static Truth table(PDPageContentStream c, Layout layout, int seed, float top) throws IOException {
        List<String> header = new ArrayList<>();
        List<Float> widths = new ArrayList<>();
        if (layout.codeColumn()) {
            header.add("Code");
            widths.add(70f);
        }
        header.addAll(List.of("Description", "Qty", "Unit Price", "Amount"));
        widths.addAll(List.of(200f, 50f, 85f, 95f));
        int cols = header.size();
        float[] x = new float[cols + 1];
        x[0] = 50;
        for (int i = 0; i < cols; i++) {
            x[i + 1] = x[i] + widths.get(i);
        }
        int headerRows = layout.twoRowHeader() ? 2 : 1;
        int rows = headerRows + layout.items() + (layout.subtotalRow() ? 1 : 0);
        List<Cell> cells = new ArrayList<>();
        int desc = layout.codeColumn() ? 1 : 0;
        if (layout.twoRowHeader()) {
            // "Price" over "Unit Price" and "Amount"; the other headers span both header rows.
            for (int col = 0; col < desc + 2; col++) {
                cells.add(new Cell(0, col, 2, 1, header.get(col)));
            }
            cells.add(new Cell(0, desc + 2, 1, 2, "Price (MYR)"));
            cells.add(new Cell(1, desc + 2, 1, 1, "Unit"));
            cells.add(new Cell(1, desc + 3, 1, 1, "Amount"));
        } else {
            for (int col = 0; col < cols; col++) {
                cells.add(new Cell(0, col, 1, 1, header.get(col)));
            }
        }
        double subtotal = 0;
        for (int i = 0; i < layout.items(); i++) {
            int n = seed * 31 + i;
            int row = headerRows + i;
            int qty = 1 + n % 9;
            double unit = 2.5 + (n * 7 % 40) * 1.25;
            double amount = qty * unit * (i % 4 == 3 ? 100 : 1);
            subtotal += amount;
            if (layout.codeColumn()) {
                cells.add(new Cell(row, 0, 1, 1, "SKU-" + (1000 + n)));
            }
            cells.add(new Cell(row, desc, 1, 1, ITEMS[n % ITEMS.length]));
            cells.add(new Cell(row, desc + 1, 1, 1, String.valueOf(qty)));
            cells.add(new Cell(row, desc + 2, 1, 1, money(unit)));
            cells.add(new Cell(row, desc + 3, 1, 1, money(amount)));
        }
        if (layout.subtotalRow()) {
            cells.add(new Cell(rows - 1, 0, 1, desc + 3, "Subtotal"));
            cells.add(new Cell(rows - 1, desc + 3, 1, 1, money(subtotal)));
        }
        for (Cell cell : cells) {
            boolean numeric = cell.row() >= headerRows && cell.col() >= desc + 1;
            PDFont font = cell.row() < headerRows || cell.text().equals("Subtotal") ? BOLD : PLAIN;
            float size = 10;
            float width = font.getStringWidth(cell.text()) / 1000 * size;
            float left = x[cell.col()];
            float right = x[cell.col() + cell.colSpan()];
            float tx = numeric ? right - 5 - width : cell.colSpan() > 1 && cell.row() < headerRows
                    ? (left + right - width) / 2 : left + 5;
            float mid = top - ROW * (cell.row() + cell.rowSpan() / 2f);
            text(c, font, size, tx, mid - 3.5f, cell.text());
        }
        if (layout.ruled()) {
            rule(c, cells, rows, cols, x, top);
        }
        Box box = Box.ofCorners(px(x[0]), px(PAGE_HEIGHT - top), px(x[cols]), px(PAGE_HEIGHT - (top - ROW * rows)));
        return new Truth(layout.ruled() ? TableKind.RULED : TableKind.UNRULED, rows, cols, List.copyOf(cells), box);
    }

    /** Each grid edge is stroked where the positions on its two sides are in different cells (or it is the border). */
    private static void rule(PDPageContentStream c, List<Cell> cells, int rows, int cols, float[] x, float top)
            throws IOException {
        Cell[][] owner = new Cell[rows][cols];
        for (Cell cell : cells) {
            for (int r = cell.row(); r < cell.row() + cell.rowSpan(); r++) {
                for (int col = cell.col(); col < cell.col() + cell.colSpan(); col++) {
                    owner[r][col] = cell;
                }
            }
        }
        c.setLineWidth(0.8f);
        for (int r = 0; r <= rows; r++) {
            for (int col = 0; col < cols; col++) {
                boolean edge = r == 0 || r == rows || owner[r - 1][col] != owner[r][col];
                if (edge) {
                    c.moveTo(x[col], top - ROW * r);
                    c.lineTo(x[col + 1], top - ROW * r);
                }
            }
        }
        for (int col = 0; col <= cols; col++) {
            for (int r = 0; r < rows; r++) {
                boolean edge = col == 0 || col == cols || owner[r][col - 1] != owner[r][col];
                if (edge) {
                    c.moveTo(x[col], top - ROW * r);
                    c.lineTo(x[col], top - ROW * (r + 1));
                }
            }
        }
        c.stroke();
    }

    private static double total(Layout layout, int seed) {
        double sum = 0;
        for (int i = 0; i < layout.items(); i++) {
            int n = seed * 31 + i;
            sum += (1 + n % 9) * (2.5 + (n * 7 % 40) * 1.25) * (i % 4 == 3 ? 100 : 1);
        }
        return sum;
    }

    private static final String[] ITEMS = {
        "A4 copier paper, 80 gsm", "Ballpoint pens (box of 50)", "Stapler, heavy duty", "Toner cartridge TN-2420",
        "Desk organiser", "Whiteboard markers", "Filing cabinet key", "USB-C hub 7-port", "Envelopes C5 x500",
        "Label printer tape", "Ergonomic mouse", "Cable ties (100)", "Sticky notes 76x76", "Archive boxes"};

    static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static int px(float points) {
        return Math.round(points * DPI / 72);
    }

    private static void text(PDPageContentStream c, PDFont font, float size, float x, float y, String text)
            throws IOException {
        c.beginText();
        c.setFont(font, size);
        c.newLineAtOffset(x, y);
        c.showText(text);
        c.endText();
    }
}
