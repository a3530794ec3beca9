package io.deepreader.ocr.eval;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.geometry.ReadingOrder;
import io.deepreader.ocr.image.GrayImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A tall page with known lines, to measure line recall where a detector's resize would shrink the print
 * (issue 19, case 4): SROIE receipts stacked top to bottom with their boxes shifted, or a long receipt drawn
 * with Java2D whose fine print is a few pixels high once its longest side is brought to 1280 or 2000 px.
 */
public record LongReceipt(String name, GrayImage page, List<SroieReceipt.TruthLine> lines) {

    /** Text sizes of the drawn receipt, in pixels: a title, item lines, and the small print of terms. */
    private static final int TITLE_PX = 40;
    private static final int ITEM_PX = 24;
    private static final int SMALL_PX = 15;

    private static final String[] WORDS = {"TOTAL", "CASH", "CHANGE", "ITEM", "QTY", "PRICE", "TAX", "GST", "RM",
        "SUBTOTAL", "ROUNDING", "MEMBER", "POINTS", "INVOICE", "RECEIPT", "THANK", "YOU", "PLEASE", "COME", "AGAIN",
        "GOODS", "SOLD", "ARE", "NOT", "RETURNABLE", "EXCHANGE", "WITHIN", "DAYS", "WITH", "THIS", "SLIP", "STORE",
        "JALAN", "TAMAN", "MILK", "BREAD", "RICE", "SUGAR", "TEA", "COFFEE", "SOAP", "PAPER", "TERMS", "APPLY",
        "VALID", "ONLY", "FOR", "PURCHASES", "MADE", "AT", "OUTLET", "REFUND", "POLICY", "CARD", "VISA", "NO"};

    public List<Box> boxes() {
        return lines.stream().map(SroieReceipt.TruthLine::box).toList();
    }

    /** The page's text in the pipeline's reading order. */
    public String text() {
        return String.join("\n", ReadingOrder.sort(lines, SroieReceipt.TruthLine::box).stream()
                .map(SroieReceipt.TruthLine::text).toList());
    }

    /** The receipts one under the other, left-aligned on white paper as wide as the widest; boxes shifted down. */
    public static LongReceipt stacked(String name, List<SroieReceipt> receipts) throws IOException {
        List<GrayImage> images = new ArrayList<>();
        int width = 0;
        int height = 0;
        for (SroieReceipt r : receipts) {
            GrayImage img = GrayImage.from(ImageIO.read(r.image().toFile()));
            images.add(img);
            width = Math.max(width, img.width());
            height += img.height();
        }
        byte[] px = new byte[width * height];
        Arrays.fill(px, (byte) 255);
        List<SroieReceipt.TruthLine> lines = new ArrayList<>();
        int top = 0;
        for (int i = 0; i < images.size(); i++) {
            GrayImage img = images.get(i);
            for (int y = 0; y < img.height(); y++) {
                System.arraycopy(img.pixels(), y * img.width(), px, (top + y) * width, img.width());
            }
            for (SroieReceipt.TruthLine l : receipts.get(i).lines()) {
                Box b = l.box().clippedTo(img.width(), img.height());
                if (b.width() > 0 && b.height() > 0) {
                    lines.add(new SroieReceipt.TruthLine(new Box(b.x(), b.y() + top, b.width(), b.height()), l.text()));
                }
            }
            top += img.height();
        }
        return new LongReceipt(name, new GrayImage(width, height, px), List.copyOf(lines));
    }

    /**
     * A {@code width} x {@code height} receipt of upper-case words in DejaVu Sans Mono (the JDK's fallback
     * font where it is missing): a title now and then, item lines, and paragraphs of small print. Each truth
     * box is the line's ink (the glyph outline's pixel bounds).
     */
    public static LongReceipt rendered(long seed, int width, int height) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        List<SroieReceipt.TruthLine> lines = new ArrayList<>();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            FontRenderContext frc = g.getFontRenderContext();
            int margin = 40;
            int y = margin;
            while (true) {
                int kind = rnd.nextInt(10); // 1 in 10 a title, 4 in 10 a block of small print, else an item line
                int px = kind == 0 ? TITLE_PX : kind <= 4 ? SMALL_PX : ITEM_PX;
                int rows = px == SMALL_PX ? 2 + rnd.nextInt(4) : 1;
                Font font = new Font("DejaVu Sans Mono", Font.PLAIN, px);
                double charWidth = font.getStringBounds("M", frc).getWidth();
                int maxChars = (int) ((width - 2 * margin) / charWidth);
                for (int r = 0; r < rows; r++) {
                    int lineHeight = (int) Math.round(px * 1.6);
                    if (y + lineHeight + margin > height) {
                        return new LongReceipt("rendered-" + seed, GrayImage.from(img), List.copyOf(lines));
                    }
                    String text = words(rnd, Math.max(8, maxChars * (px == SMALL_PX ? 3 : 2) / 5 + rnd.nextInt(maxChars / 3)), maxChars);
                    int baseline = y + px;
                    int x = px == TITLE_PX ? (width - (int) (text.length() * charWidth)) / 2 : margin;
                    g.setFont(font);
                    g.drawString(text, x, baseline);
                    Rectangle ink = font.createGlyphVector(frc, text).getPixelBounds(frc, x, baseline);
                    lines.add(new SroieReceipt.TruthLine(new Box(ink.x, ink.y, ink.width, ink.height), text));
                    y += lineHeight;
                }
                y += SMALL_PX / 2;
            }
        } finally {
            g.dispose();
        }
    }

    private static String words(Random rnd, int targetChars, int maxChars) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < targetChars) {
            String w = rnd.nextInt(4) == 0 ? String.format("%d.%02d", rnd.nextInt(200), rnd.nextInt(100))
                    : WORDS[rnd.nextInt(WORDS.length)];
            if (sb.length() + w.length() + 1 > maxChars) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(w);
        }
        return sb.toString();
    }
}
