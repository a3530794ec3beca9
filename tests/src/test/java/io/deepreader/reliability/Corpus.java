package io.deepreader.reliability;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Generates the documents of the reliability corpus in memory: good pages and every kind of bad input. */
final class Corpus {
    private Corpus() {
    }

    /** A small page of printed text Tesseract reads reliably: a few lines of 40 px bold monospaced with receipt-like margins. */
    static BufferedImage textPage(String... lines) {
        BufferedImage img = new BufferedImage(1240, 400 + 80 * lines.length, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        // A named font scripts/install-system-deps.sh installs (fonts-liberation): the logical MONOSPACED maps to
        // whatever fontconfig prefers, and in DejaVu Sans Mono Bold Tesseract reads "21.00" as "21.0600".
        g.setFont(new Font("Liberation Mono", Font.BOLD, 40));
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], 150, 240 + 80 * i);
        }
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    static byte[] jpeg(BufferedImage img) {
        return encode(img, "jpeg");
    }

    static byte[] tiff(BufferedImage img) {
        return encode(img, "tiff");
    }

    /** A multi-page TIFF, one image a page. */
    static byte[] tiff(BufferedImage... pages) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
            try (var out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (BufferedImage page : pages) {
                    writer.writeToSequence(new javax.imageio.IIOImage(page, null, null), null);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] goodPng() {
        return png(textPage("INVOICE 2024 TOTAL 42.50", "THANK YOU FOR SHOPPING"));
    }

    static byte[] blankPng() {
        BufferedImage img = new BufferedImage(1200, 1600, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        return png(img);
    }

    static byte[] noisePng(long seed) {
        BufferedImage img = new BufferedImage(1200, 1600, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        new Random(seed).nextBytes(pixels);
        return png(img);
    }

    static byte[] onePixelPng() {
        return png(new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY));
    }

    static byte[] truncated(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    /**
     * A decompression bomb: a valid PNG whose IHDR claims width x height 8-bit gray pixels but whose IDAT
     * holds only one deflated row. Any decoder that allocates from the header before reading data asks for
     * width*height bytes (2.5 GB at 50000x50000).
     */
    static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[width + 1]); // filter byte + one row of zeros
        deflater.finish();
        byte[] buf = new byte[width + 64];
        int n = deflater.deflate(buf);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A PDF of {@code pages} letter pages, each with one line of text. */
    static byte[] pdf(int pages) {
        return pdf(pages, null);
    }

    static byte[] encryptedPdf() {
        return pdf(1, "s3cret");
    }

    private static byte[] pdf(int pages, String userPassword) {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A6);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 14);
                    cs.newLineAtOffset(20, 300);
                    cs.showText("PAGE " + (i + 1) + " TOTAL 12.30");
                    cs.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
