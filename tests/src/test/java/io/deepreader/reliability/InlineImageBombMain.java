package io.deepreader.reliability;

import io.deepreader.ocr.document.DecodedDocument;
import io.deepreader.ocr.document.DocumentDecoder;
import io.deepreader.ocr.document.DocumentException;
import io.deepreader.ocr.document.DocumentLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads page 1 of a PDF in a JVM of small heap and records what happened. Args: pdf resultFile mode, mode
 * {@code decoder} (DocumentDecoder with the default limits, as the function reads it) or {@code unchecked} (PDFBox's
 * renderer alone at 72 dpi: the control, showing the heap is too small for the image). The result file gets the
 * outcome's class (the error type for a DocumentException) and its message.
 */
public final class InlineImageBombMain {
    private InlineImageBombMain() {
    }

    public static void main(String[] args) throws Exception {
        byte[] pdf = Files.readAllBytes(Path.of(args[0]));
        Path result = Path.of(args[1]);
        long start = System.nanoTime();
        String outcome;
        try {
            if (args[2].equals("decoder")) {
                try (DecodedDocument doc = new DocumentDecoder(DocumentLimits.DEFAULT).open(pdf)) {
                    doc.page(0);
                }
            } else {
                try (PDDocument doc = Loader.loadPDF(pdf)) {
                    new PDFRenderer(doc).renderImageWithDPI(0, 72, ImageType.GRAY);
                }
            }
            outcome = "read";
        } catch (DocumentException e) {
            outcome = e.errorType() + ": " + e.getMessage();
        } catch (OutOfMemoryError e) {
            outcome = "OutOfMemoryError: " + e.getMessage();
        }
        Files.writeString(result, outcome + "\nmillis=" + Math.round((System.nanoTime() - start) / 1e6) + "\n");
    }
}
