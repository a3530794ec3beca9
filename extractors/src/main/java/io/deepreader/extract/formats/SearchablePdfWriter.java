package io.deepreader.extract.formats;

import io.deepreader.extract.layout.PageText;
import io.deepreader.extract.layout.Token;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.util.Matrix;

/**
 * A searchable PDF: each page image with the OCR words laid over it as invisible text (rendering
 * mode NEITHER, as Tesseract's PDF renderer does), each word stretched to its box so that selecting
 * and searching hit the right place. A page read from a born-digital PDF's text layer is the original page itself.
 */
public final class SearchablePdfWriter {
    /** Page images carry no resolution; 300 dpi (a typical scan) gives the PDF page a realistic size. */
    public static final float DEFAULT_DPI = 300f;

    private final float dpi;

    public SearchablePdfWriter(float dpi) {
        this.dpi = dpi;
    }

    /**
     * @param pageImage the image file of a page (by page number), drawn to fill the page; a page
     *                  without one still gets its text layer
     */
    public void write(List<PageResult> pages, Function<Integer, Optional<Path>> pageImage, OutputStream out) throws IOException {
        write(pages, pageImage, page -> Optional.empty(), out);
    }

    /**
     * @param originalPage a page read from a born-digital PDF's text layer (by page number): that original page,
     *                     as a one-page PDF, is kept as it is (its own text, fonts and vectors) instead of an
     *                     image of it with an invisible text layer
     */
    public void write(List<PageResult> pages, Function<Integer, Optional<Path>> pageImage,
                      Function<Integer, Optional<Path>> originalPage, OutputStream out) throws IOException {
        List<PDDocument> originals = new java.util.ArrayList<>();
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (PageResult page : pages) {
                Optional<Path> original = originalPage.apply(page.page()).filter(Files::isRegularFile);
                if (original.isPresent()) {
                    PDDocument source = org.apache.pdfbox.Loader.loadPDF(original.get().toFile());
                    originals.add(source); // its page's resources are read at save time: kept open until then
                    doc.importPage(source.getPage(0));
                    continue;
                }
                float scale = 72f / dpi;
                PDRectangle size = new PDRectangle(page.width() * scale, page.height() * scale);
                PDPage pdfPage = new PDPage(size);
                doc.addPage(pdfPage);
                try (PDPageContentStream cs = new PDPageContentStream(doc, pdfPage)) {
                    Optional<Path> image = pageImage.apply(page.page()).filter(Files::isRegularFile);
                    if (image.isPresent()) {
                        PDImageXObject xobject = PDImageXObject.createFromFileByContent(image.get().toFile(), doc);
                        cs.drawImage(xobject, 0, 0, size.getWidth(), size.getHeight());
                    }
                    cs.beginText();
                    cs.setRenderingMode(RenderingMode.NEITHER);
                    for (Line line : page.lines()) {
                        for (Token word : PageText.line(page.page(), line).tokens()) {
                            placeWord(cs, font, word, size.getHeight(), scale);
                        }
                    }
                    cs.endText();
                }
            }
            doc.save(out);
        } finally {
            for (PDDocument source : originals) {
                source.close();
            }
        }
    }

    private static void placeWord(PDPageContentStream cs, PDType1Font font, Token word, float pageHeight, float scale)
            throws IOException {
        String text = encodable(font, word.text());
        float boxWidth = word.box().width() * scale;
        float boxHeight = word.box().height() * scale;
        if (text.isEmpty() || boxWidth <= 0 || boxHeight <= 0) {
            return;
        }
        float fontSize = boxHeight;
        float textWidth = font.getStringWidth(text) / 1000f * fontSize;
        cs.setFont(font, fontSize);
        cs.setHorizontalScaling(textWidth > 0 ? 100f * boxWidth / textWidth : 100f);
        // Baseline a fifth of the box above its bottom: room for descenders, as a line box holds them.
        float baseline = pageHeight - word.box().bottom() * scale + boxHeight * 0.2f;
        cs.setTextMatrix(Matrix.getTranslateInstance(word.box().x() * scale, baseline));
        cs.showText(text);
    }

    /** The standard 14 fonts encode WinAnsi only: other characters become '?' rather than failing the page. */
    static String encodable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            try {
                font.encode(s);
                out.append(s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
