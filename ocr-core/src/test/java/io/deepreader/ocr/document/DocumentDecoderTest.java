package io.deepreader.ocr.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

class DocumentDecoderTest {
    private final DocumentDecoder decoder = new DocumentDecoder(DocumentLimits.DEFAULT);

    private static byte[] image(String format, int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), format, out);
        return out.toByteArray();
    }

    @Test
    void sniffsFormatsByContentNotName() throws Exception {
        assertThat(DocumentFormat.sniff(image("png", 4, 4))).isEqualTo(DocumentFormat.PNG);
        assertThat(DocumentFormat.sniff(image("jpeg", 4, 4))).isEqualTo(DocumentFormat.JPEG);
        assertThat(DocumentFormat.sniff(image("tiff", 4, 4))).isEqualTo(DocumentFormat.TIFF);
        assertThat(DocumentFormat.sniff("%PDF-1.7\n".getBytes())).isEqualTo(DocumentFormat.PDF);
        assertThatThrownBy(() -> DocumentFormat.sniff(new byte[0])).isInstanceOf(UnsupportedDocumentException.class);
        assertThatThrownBy(() -> DocumentFormat.sniff("hello".getBytes())).isInstanceOf(UnsupportedDocumentException.class);
    }

    @Test
    void truncatedImagesAreCorrupt() throws Exception {
        byte[] png = image("png", 300, 300);
        assertThatThrownBy(() -> {
            try (var doc = decoder.open(Arrays.copyOf(png, png.length / 2))) {
                doc.page(0);
            }
        }).isInstanceOf(CorruptDocumentException.class);
    }

    @Test
    void pixelLimitIsCheckedBeforeDecoding() throws Exception {
        DocumentDecoder strict = new DocumentDecoder(new DocumentLimits(1 << 20, 10_000, 5, 300));
        try (var doc = strict.open(image("png", 200, 200))) {
            assertThatThrownBy(() -> doc.page(0)).isInstanceOf(DocumentLimitException.class)
                    .hasMessageContaining("40000 pixels");
        }
    }

    @Test
    void pdfPagesRenderAtTheConfiguredDpiOneAtATime() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument pdf = new PDDocument()) {
            pdf.addPage(new PDPage(PDRectangle.A4));
            pdf.addPage(new PDPage(PDRectangle.A4));
            pdf.save(out);
        }
        try (var doc = new DocumentDecoder(new DocumentLimits(1 << 20, 100_000_000, 5, 100)).open(out.toByteArray())) {
            assertThat(doc.pageCount()).isEqualTo(2);
            var page = doc.page(1);
            assertThat(page.width()).isCloseTo(827, org.assertj.core.data.Offset.offset(2)); // 8.27 in x 100 dpi
        }
        DocumentDecoder onePage = new DocumentDecoder(new DocumentLimits(1 << 20, 100_000_000, 1, 100));
        assertThatThrownBy(() -> onePage.open(out.toByteArray())).isInstanceOf(DocumentLimitException.class);
    }
}
