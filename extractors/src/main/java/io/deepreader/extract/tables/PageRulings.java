package io.deepreader.extract.tables;

import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.pdftext.PdfTextLayer;
import io.deepreader.ocr.pdftext.TextLayerFiles;
import io.deepreader.ocr.result.PageResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A page's ruling lines in its {@link PageFrame} (the page upright and straight), from the image the OCR function left
 * on EFS. An OCRed page has its
 * preprocessed image ({@code page-NNNN.png}); a page read from its PDF text layer has no image, but its original page
 * ({@code page-NNNN.pdf}), which is rendered here at the dpi its words' boxes were measured in. One detector serves
 * both (rather than reading the PDF's vector paths for born-digital pages): a ruling drawn as a thin filled rectangle,
 * a dashed path or an embedded scan is found the same way, and at 300 dpi a rendered ruling is within a pixel of its path.
 * A page with neither file (an older output set) has no rulings: only unruled tables are looked for.
 */
public final class PageRulings {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PageRulings.class);
    private final EfsLayout layout;
    private final float dpi;
    private final RulingDetector detector;

    public PageRulings(EfsLayout layout, float dpi, RulingDetector detector) {
        this.layout = layout;
        this.dpi = dpi;
        this.detector = detector;
    }

    /**
     * @throws IOException when EFS cannot be read (Lambda's retry may help); a page image that is there but does not
     *                     decode gives no rulings (logged): its words still give unruled tables, and a retry could not help
     */
    public List<Ruling> of(String batchId, String docId, PageResult page) throws IOException {
        if (PdfTextLayer.DETECTOR.equals(page.detector())) {
            Path pdf = TextLayerFiles.originalPage(layout, batchId, docId, page.page());
            if (!Files.isRegularFile(pdf)) {
                return List.of();
            }
            byte[] bytes = Files.readAllBytes(pdf);
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                BufferedImage image = new PDFRenderer(doc).renderImage(0, dpi / 72f, ImageType.GRAY);
                return scaled(detector.detect(GrayImage.from(image)), page.width() / (double) image.getWidth(),
                        page.height() / (double) image.getHeight());
            } catch (IOException | RuntimeException e) {
                return undecodable(pdf, page, e);
            }
        }
        Path png = layout.preprocessedPage(batchId, docId, page.page());
        if (!Files.isRegularFile(png)) {
            return List.of();
        }
        byte[] bytes = Files.readAllBytes(png);
        BufferedImage image;
        try {
            image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return undecodable(png, page, e);
        }
        if (image == null) {
            return undecodable(png, page, null);
        }
        return detector.detect(GrayImage.from(image)); // the preprocessed image is the frame
    }

    private static List<Ruling> undecodable(Path file, PageResult page, Exception e) {
        LOG.atWarn().addKeyValue("page", page.page()).addKeyValue("file", file.getFileName().toString())
                .addKeyValue("cause", e == null ? "not an image" : e.toString())
                .log("page image unreadable: no ruled tables on this page");
        return List.of();
    }

    private static List<Ruling> scaled(List<Ruling> rulings, double sx, double sy) {
        if (Math.abs(sx - 1) < 1e-3 && Math.abs(sy - 1) < 1e-3) {
            return rulings;
        }
        return rulings.stream().map(r -> r.horizontal()
                ? new Ruling(true, (int) Math.round(r.position() * sy), (int) Math.round(r.from() * sx), (int) Math.round(r.to() * sx), r.thickness())
                : new Ruling(false, (int) Math.round(r.position() * sx), (int) Math.round(r.from() * sy), (int) Math.round(r.to() * sy), r.thickness()))
                .toList();
    }
}
