package io.deepreader.ocr.pdftext;

import io.deepreader.ocr.document.CorruptDocumentException;
import io.deepreader.ocr.document.DocumentException;
import io.deepreader.ocr.document.EncryptedDocumentException;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.pipeline.BlockAssembler;
import io.deepreader.ocr.result.Block;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.Word;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;

/**
 * Reads PDF pages from their text layer: for each page, PDFBox's text positions are judged by {@link TextLayerCheck}
 * and a usable page becomes the same {@link PageResult} OCR would give (blocks, lines, words, boxes in the pixels of
 * the page rendered at {@code dpi}, confidence 100, detector {@code pdf-text}) without rendering it for OCR.
 */
public final class PdfTextLayer implements AutoCloseable {
    public static final String DETECTOR = "pdf-text";
    /** The coverage check renders at this resolution: enough to see a 6 pt glyph, ~20 ms for a letter page. */
    static final int CHECK_DPI = 50;
    /** A pixel darker than this counts as ink on the check render (anti-aliased small glyphs stay light grey). */
    private static final int INK_BELOW = 200;
    /** Half an inch at the check's dpi: longer than a stroke of a 24 pt glyph, shorter than any table ruling. */
    private static final int RULE_RUN = CHECK_DPI / 2;
    /** Words further apart than this many line heights start a new line, as a text-line detector splits them. */
    private static final double LINE_GAP_HEIGHTS = 1.5;

    /** One page read: the decision and, when the text layer was used, its result. */
    public record Page(TextLayerVerdict verdict, Optional<PageResult> result) {
    }

    private final PDDocument pdf;
    private final int dpi;
    private final PdfTextMode mode;
    private final TextLayerCheck check;
    private final InkRenderer inkRenderer;

    private PdfTextLayer(PDDocument pdf, int dpi, PdfTextMode mode, TextLayerCheck check) {
        this.pdf = pdf;
        this.dpi = dpi;
        this.mode = mode;
        this.check = check;
        this.inkRenderer = new InkRenderer(pdf);
    }

    public static PdfTextLayer open(byte[] pdfBytes, int dpi, PdfTextMode mode, TextLayerCheck check)
            throws DocumentException {
        try {
            return new PdfTextLayer(Loader.loadPDF(pdfBytes), dpi, mode, check);
        } catch (InvalidPasswordException e) {
            throw new EncryptedDocumentException("the PDF is password-protected", e);
        } catch (IOException | RuntimeException e) {
            throw new CorruptDocumentException("cannot parse PDF: " + e.getMessage(), e);
        }
    }

    public int pageCount() {
        return pdf.getNumberOfPages();
    }

    /** Judges page {@code index} (0-based) and, when its text layer is used, builds its result. */
    public Page read(String batchId, String docId, int index) throws DocumentException {
        if (mode == PdfTextMode.NEVER) {
            return new Page(check.never(), Optional.empty());
        }
        long start = System.nanoTime();
        try {
            GlyphCollector collector = new GlyphCollector(dpi);
            collector.collect(pdf, index);
            List<GlyphCollector.Glyph> glyphs = collector.glyphs();
            int printable = (int) glyphs.stream().filter(g -> TextLayerCheck.printable(g.text())).count();
            int invisible = (int) glyphs.stream().filter(GlyphCollector.Glyph::invisible).count();
            // Only an image (or shading) can show ink no glyph accounts for: vector paths are left out of the ink, and
            // unmapped glyphs are counted from the content stream. Pages without images skip the render.
            double coverage = glyphs.isEmpty() ? 0 : collector.drawsImages() ? inkCoverage(index, glyphs) : 1;
            TextLayerVerdict verdict = check.judge(mode, collector.shownGlyphs(), glyphs.size(), printable, coverage,
                    invisible);
            if (!verdict.readFromTextLayer()) {
                return new Page(verdict, Optional.empty());
            }
            long millis = Math.round((System.nanoTime() - start) / 1e6);
            return new Page(verdict, Optional.of(result(batchId, docId, index, collector, millis)));
        } catch (IOException | RuntimeException e) {
            throw new CorruptDocumentException("cannot read the text of PDF page " + (index + 1) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fraction of the check render's ink (text and images) inside a glyph box, widened by a pixel. Ink in a
     * horizontal or vertical run of {@link #RULE_RUN} pixels or more is a ruling (a scanned table's grid, an
     * underline) and is left out, as vector paths are by {@link InkRenderer}.
     */
    private double inkCoverage(int index, List<GlyphCollector.Glyph> glyphs) throws IOException {
        BufferedImage image = inkRenderer.renderImageWithDPI(index, CHECK_DPI, ImageType.GRAY);
        int w = image.getWidth();
        int h = image.getHeight();
        boolean[] covered = new boolean[w * h];
        double toCheck = (double) CHECK_DPI / dpi;
        for (GlyphCollector.Glyph glyph : glyphs) {
            Box b = glyph.box().scaled(toCheck).padded(1).clippedTo(w, h);
            for (int y = b.y(); y < b.bottom(); y++) {
                java.util.Arrays.fill(covered, y * w + b.x(), y * w + b.right(), true);
            }
        }
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        boolean[] dark = new boolean[w * h];
        for (int i = 0; i < dark.length && i < pixels.length; i++) {
            dark[i] = (pixels[i] & 0xff) < INK_BELOW;
        }
        boolean[] rule = new boolean[w * h];
        markRuns(dark, rule, w, h, 1, w);
        markRuns(dark, rule, h, w, w, 1);
        long ink = 0;
        long inside = 0;
        for (int i = 0; i < dark.length; i++) {
            if (dark[i] && !rule[i]) {
                ink++;
                if (covered[i]) {
                    inside++;
                }
            }
        }
        return ink == 0 ? 1 : (double) inside / ink;
    }

    /** Marks runs of dark pixels at least {@link #RULE_RUN} long along one axis ({@code step} apart, lines {@code stride}). */
    private static void markRuns(boolean[] dark, boolean[] rule, int length, int lines, int step, int stride) {
        for (int line = 0; line < lines; line++) {
            int base = line * stride;
            int run = 0;
            for (int i = 0; i <= length; i++) {
                boolean on = i < length && dark[base + i * step];
                if (on) {
                    run++;
                } else {
                    if (run >= RULE_RUN) {
                        for (int k = i - run; k < i; k++) {
                            rule[base + k * step] = true;
                        }
                    }
                    run = 0;
                }
            }
        }
    }

    private PageResult result(String batchId, String docId, int index, GlyphCollector collector, long millis) {
        PDPage page = pdf.getPage(index);
        PDRectangle crop = page.getCropBox();
        boolean quarterTurn = Math.floorMod(page.getRotation(), 180) != 0;
        // PDFRenderer.renderImage's own arithmetic (float scale, floored), so the size is the OCR path's image's.
        float scale = dpi / 72f;
        int width = (int) Math.max(Math.floor((quarterTurn ? crop.getHeight() : crop.getWidth()) * scale), 1);
        int height = (int) Math.max(Math.floor((quarterTurn ? crop.getWidth() : crop.getHeight()) * scale), 1);
        int orientation = orientation(collector.glyphs());

        List<Line> upright = new ArrayList<>();
        for (List<List<GlyphCollector.Glyph>> words : collector.lines()) {
            for (List<List<GlyphCollector.Glyph>> segment : splitAtGaps(words)) {
                List<Word> lineWords = new ArrayList<>();
                for (List<GlyphCollector.Glyph> word : segment) {
                    StringBuilder text = new StringBuilder();
                    Box box = word.get(0).box();
                    for (GlyphCollector.Glyph g : word) {
                        text.append(g.text());
                        box = box.union(g.box());
                    }
                    lineWords.add(new Word(text.toString(), box.clippedTo(width, height), 100));
                }
                Box lineBox = lineWords.get(0).box();
                for (Word w : lineWords) {
                    lineBox = lineBox.union(w.box());
                }
                String text = String.join(" ", lineWords.stream().map(Word::text).toList());
                upright.add(new Line(text, lineBox.turnedUpright(orientation, width, height), 100, 1.0, lineWords));
            }
        }
        // Blocks are grouped on the page turned upright, like OCR's, then line boxes go back to the rendered page.
        int uprightWidth = orientation % 180 == 0 ? width : height;
        int uprightHeight = orientation % 180 == 0 ? height : width;
        int back = Math.floorMod(360 - orientation, 360);
        List<Block> blocks = BlockAssembler.group(upright).stream().map(block -> {
            List<Line> lines = block.lines().stream().map(l -> new Line(l.text(),
                    l.box().turnedUpright(back, uprightWidth, uprightHeight), l.confidence(), l.detectionScore(),
                    l.words())).toList();
            Box box = lines.get(0).box();
            for (Line l : lines) {
                box = box.union(l.box());
            }
            return new Block(box, block.confidence(), lines);
        }).toList();
        return new PageResult(PageResult.SCHEMA_VERSION, batchId, docId, index + 1, width, height, 0, orientation,
                DETECTOR, blocks, Map.of("textLayerMs", millis));
    }

    /** A stripper line spanning table columns becomes one line per column group, as a line detector finds them. */
    private static List<List<List<GlyphCollector.Glyph>>> splitAtGaps(List<List<GlyphCollector.Glyph>> words) {
        List<List<List<GlyphCollector.Glyph>>> segments = new ArrayList<>();
        List<List<GlyphCollector.Glyph>> current = new ArrayList<>();
        for (List<GlyphCollector.Glyph> word : words) {
            if (!current.isEmpty()) {
                List<GlyphCollector.Glyph> previous = current.get(current.size() - 1);
                GlyphCollector.Glyph last = previous.get(previous.size() - 1);
                GlyphCollector.Glyph first = word.get(0);
                double gap = first.xDir() - (last.xDir() + last.widthDir());
                double lineHeight = Math.max(Math.max(last.heightDir(), first.heightDir()), 1);
                if (gap > LINE_GAP_HEIGHTS * lineHeight || gap < -lineHeight) {
                    segments.add(current);
                    current = new ArrayList<>();
                }
            }
            current.add(word);
        }
        if (!current.isEmpty()) {
            segments.add(current);
        }
        return segments;
    }

    /** The direction most glyphs run in on the rendered page: how far clockwise the content is turned. */
    private static int orientation(List<GlyphCollector.Glyph> glyphs) {
        int[] counts = new int[4];
        for (GlyphCollector.Glyph g : glyphs) {
            counts[g.directionDegrees() / 90]++;
        }
        int best = 0;
        for (int i = 1; i < 4; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best * 90;
    }

    /** Page {@code index} (0-based) alone, as a PDF of one page, resources included. */
    public byte[] pageAsPdf(int index) throws IOException {
        try (PDDocument single = new PDDocument()) {
            single.importPage(pdf.getPage(index));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            single.save(out);
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        try {
            pdf.close();
        } catch (IOException ignored) {
            // Read-only: a failed close loses nothing.
        }
    }
}
