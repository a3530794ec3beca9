package io.deepreader.extract.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.extract.testing.Pages;
import io.deepreader.ocr.result.PageResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchablePdfWriterTest {
    @TempDir
    Path dir;

    @Test
    void pdfHoldsThePageImageAndTheOcrTextInvisibly() throws Exception {
        PageResult page1 = Pages.page("b1", "d1", 1, 640, 300, List.of(
                Pages.line("BOOK TA .K (TAMAN DAYA) SDN BHD", 20, 20),
                Pages.line("DATE: 25/12/2018", 20, 60),
                Pages.line("TOTAL RM 9.00", 20, 100)));
        PageResult page2 = Pages.page("b1", "d1", 2, 640, 300, List.of(Pages.line("THANK YOU", 20, 20)));
        Path image = dir.resolve("page-0001.png");
        ImageIO.write(render(page1), "png", image.toFile());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SearchablePdfWriter(SearchablePdfWriter.DEFAULT_DPI)
                .write(List.of(page1, page2), n -> n == 1 ? Optional.of(image) : Optional.of(dir.resolve("missing.png")), out);

        try (PDDocument pdf = Loader.loadPDF(out.toByteArray())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            PDPage first = pdf.getPage(0);
            // 640 px at 300 dpi = 153.6 pt.
            assertThat(first.getMediaBox().getWidth()).isCloseTo(153.6f, org.assertj.core.data.Offset.offset(0.01f));
            List<PDImageXObject> images = new java.util.ArrayList<>();
            for (var name : first.getResources().getXObjectNames()) {
                if (first.getResources().getXObject(name) instanceof PDImageXObject img) {
                    images.add(img);
                }
            }
            assertThat(images).singleElement().satisfies(img -> {
                assertThat(img.getWidth()).isEqualTo(640);
                assertThat(img.getHeight()).isEqualTo(300);
            });
            assertThat(pdf.getPage(1).getResources().getXObjectNames()).isEmpty();

            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            assertThat(normalize(stripper.getText(pdf))).isEqualTo(normalize(page1.text()));
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertThat(normalize(stripper.getText(pdf))).isEqualTo("THANK YOU");
        }
        Files.deleteIfExists(image);
    }

    @Test
    void charactersOutsideWinAnsiBecomeQuestionMarks() throws Exception {
        var font = new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
        assertThat(SearchablePdfWriter.encodable(font, "€5 日本")).isEqualTo("€5 ??");
    }

    private static String normalize(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static BufferedImage render(PageResult page) {
        BufferedImage img = new BufferedImage(page.width(), page.height(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, page.width(), page.height());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 16));
        page.lines().forEach(l -> g.drawString(l.text(), l.box().x(), l.box().bottom() - 4));
        g.dispose();
        return img;
    }
}
