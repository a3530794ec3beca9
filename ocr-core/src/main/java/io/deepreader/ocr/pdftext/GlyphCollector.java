package io.deepreader.ocr.pdftext;

import io.deepreader.ocr.geometry.Box;
import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.StringWriter;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType3Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * One page's glyphs from PDFBox's text extraction, each with its box in the rendered page's pixels, grouped into
 * words and lines by PDFTextStripper's own reading order (sorted by position, direction aware) rather than by a
 * grouping of our own.
 */
final class GlyphCollector extends PDFTextStripper {

    /** A glyph: its text (NFKC, so ligatures read as their letters), box in rendered pixels, text direction. */
    record Glyph(String text, Box box, boolean invisible, int directionDegrees, float xDir, float widthDir,
                 float heightDir) {
    }

    private final double scale;
    private final List<Glyph> glyphs = new ArrayList<>();
    private final Map<TextPosition, Glyph> byPosition = new IdentityHashMap<>();
    private final List<List<List<Glyph>>> lines = new ArrayList<>();
    private List<List<Glyph>> currentLine = new ArrayList<>();
    private PDRectangle crop;
    private int rotation;
    private Glyph pending;
    private int shown;
    private boolean drawsImages;

    GlyphCollector(int dpi) {
        this.scale = dpi / 72.0;
        setSortByPosition(true);
    }

    /** Extracts page {@code index} (0-based); results in {@link #glyphs()} and {@link #lines()}. */
    void collect(PDDocument pdf, int index) throws IOException {
        PDPage page = pdf.getPage(index);
        crop = page.getCropBox();
        rotation = Math.floorMod(page.getRotation(), 360);
        setStartPage(index + 1);
        setEndPage(index + 1);
        writeText(pdf, new StringWriter());
        endLine();
    }

    List<Glyph> glyphs() {
        return glyphs;
    }

    /** Glyphs the page shows, mapped to Unicode or not (PDFBox drops a composite font's unmapped glyphs). */
    int shownGlyphs() {
        return shown;
    }

    /** The page paints an image (XObject or inline) or a shading: content a glyph box may not cover. */
    boolean drawsImages() {
        return drawsImages;
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        String name = operator.getName();
        if ("BI".equals(name) || "sh".equals(name)) {
            drawsImages = true;
        } else if ("Do".equals(name) && !operands.isEmpty() && operands.get(0) instanceof COSName xobject
                && getResources() != null && getResources().isImageXObject(xobject)) {
            drawsImages = true;
        }
        super.processOperator(operator, operands);
    }

    /** Lines in reading order, each a list of words, each a list of glyphs (white space dropped). */
    List<List<List<Glyph>>> lines() {
        return lines;
    }

    @Override
    protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement) throws IOException {
        shown++;
        RenderingMode mode = getGraphicsState().getTextState().getRenderingMode();
        boolean invisible = mode == RenderingMode.NEITHER || mode == RenderingMode.NEITHER_CLIP;
        pending = new Glyph(null, glyphBox(textRenderingMatrix, font, code), invisible,
                direction(textRenderingMatrix), 0, 0, 0);
        try {
            super.showGlyph(textRenderingMatrix, font, code, displacement);
        } finally {
            pending = null;
        }
    }

    @Override
    protected void processTextPosition(TextPosition text) {
        if (pending != null) {
            Glyph glyph = new Glyph(Normalizer.normalize(text.getUnicode(), Normalizer.Form.NFKC), pending.box(),
                    pending.invisible(), pending.directionDegrees(), text.getXDirAdj(), text.getWidthDirAdj(),
                    text.getHeightDir());
            glyphs.add(glyph);
            byPosition.put(text, glyph);
        }
        super.processTextPosition(text);
    }

    @Override
    protected void writeString(String text, List<TextPosition> positions) {
        List<Glyph> word = new ArrayList<>();
        for (TextPosition position : positions) {
            Glyph glyph = byPosition.get(position);
            if (glyph == null || glyph.text().isBlank()) {
                addWord(word);
                word = new ArrayList<>();
            } else {
                word.add(glyph);
            }
        }
        addWord(word);
    }

    private void addWord(List<Glyph> word) {
        if (!word.isEmpty()) {
            currentLine.add(word);
        }
    }

    @Override
    protected void writeLineSeparator() {
        endLine();
    }

    @Override
    protected void writeParagraphEnd() {
        endLine();
    }

    @Override
    protected void writePageEnd() {
        endLine();
    }

    private void endLine() {
        if (!currentLine.isEmpty()) {
            lines.add(currentLine);
            currentLine = new ArrayList<>();
        }
    }

    /**
     * The glyph's advance x (descent..ascent) in glyph space, through the text rendering matrix to user space, then
     * the way PDFRenderer lays out the crop box: y flipped, the page's /Rotate turned clockwise, scaled to the dpi.
     */
    private Box glyphBox(Matrix m, PDFont font, int code) throws IOException {
        double width = font.getWidth(code) / 1000.0;
        if (font instanceof PDType3Font type3) {
            width = font.getWidth(code) * type3.getFontMatrix().getScaleX();
        }
        double ascent = 0.8;
        double descent = -0.2;
        PDFontDescriptor descriptor = font.getFontDescriptor();
        if (descriptor != null) {
            if (descriptor.getAscent() > 0) {
                ascent = Math.min(1.1, Math.max(0.5, descriptor.getAscent() / 1000.0));
            }
            if (descriptor.getDescent() < 0) {
                descent = Math.max(-0.4, descriptor.getDescent() / 1000.0);
            }
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] corner : new double[][] {{0, descent}, {width, descent}, {width, ascent}, {0, ascent}}) {
            Point2D.Float user = m.transformPoint((float) corner[0], (float) corner[1]);
            double[] pixel = toPixels(user.x, user.y);
            minX = Math.min(minX, pixel[0]);
            minY = Math.min(minY, pixel[1]);
            maxX = Math.max(maxX, pixel[0]);
            maxY = Math.max(maxY, pixel[1]);
        }
        return Box.ofCorners(minX, minY, maxX, maxY);
    }

    /** User space to the rendered page's pixels, as PDFRenderer.transform and PageDrawer's y flip place them. */
    double[] toPixels(double ux, double uy) {
        double x = ux - crop.getLowerLeftX();
        double y = uy - crop.getLowerLeftY();
        double w = crop.getWidth();
        double h = crop.getHeight();
        double[] display = switch (rotation) {
            case 90 -> new double[] {y, x};
            case 180 -> new double[] {w - x, y};
            case 270 -> new double[] {h - y, w - x};
            default -> new double[] {x, h - y};
        };
        return new double[] {display[0] * scale, display[1] * scale};
    }

    /** Which way the baseline runs on the rendered page: 0 left to right, 90 downwards (turned clockwise), ... */
    private int direction(Matrix m) {
        Point2D.Float origin = m.transformPoint(0, 0);
        Point2D.Float along = m.transformPoint(1, 0);
        double[] a = toPixels(origin.x, origin.y);
        double[] b = toPixels(along.x, along.y);
        double degrees = Math.toDegrees(Math.atan2(b[1] - a[1], b[0] - a[0]));
        return (int) (Math.floorMod(Math.round(degrees / 90.0), 4) * 90);
    }
}
