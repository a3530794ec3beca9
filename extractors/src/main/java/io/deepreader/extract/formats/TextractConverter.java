package io.deepreader.extract.formats;

import io.deepreader.extract.formats.TextractDocument.BlockItem;
import io.deepreader.extract.formats.TextractDocument.BoundingBox;
import io.deepreader.extract.formats.TextractDocument.Geometry;
import io.deepreader.extract.formats.TextractDocument.Point;
import io.deepreader.extract.formats.TextractDocument.Relationship;
import io.deepreader.extract.layout.PageText;
import io.deepreader.extract.layout.Token;
import io.deepreader.extract.layout.TokenText;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PageResults to a {@link TextractDocument}. Ids are name-based UUIDs of (batch, document, page,
 * line, word), so converting the same OCR twice gives the same ids.
 */
public final class TextractConverter {

    public TextractDocument convert(List<PageResult> pages) {
        List<BlockItem> blocks = new ArrayList<>();
        for (PageResult page : pages) {
            String pageId = id(page, "page");
            List<String> lineIds = new ArrayList<>();
            List<BlockItem> children = new ArrayList<>();
            int lineNo = 0;
            for (Line line : page.lines()) {
                TokenText words = PageText.line(page.page(), line);
                if (words.tokens().isEmpty()) {
                    continue;
                }
                String lineId = id(page, "line/" + ++lineNo);
                List<String> wordIds = new ArrayList<>();
                List<BlockItem> wordBlocks = new ArrayList<>();
                int wordNo = 0;
                for (Token w : words.tokens()) {
                    String wordId = id(page, "line/" + lineNo + "/word/" + ++wordNo);
                    wordIds.add(wordId);
                    wordBlocks.add(new BlockItem("WORD", confidence(w.confidence()), w.text(), "PRINTED",
                            geometry(w.box(), page), wordId, null, page.page()));
                }
                lineIds.add(lineId);
                children.add(new BlockItem("LINE", confidence(line.confidence()), words.text(), null, geometry(line.box(), page),
                        lineId, List.of(new Relationship("CHILD", wordIds)), page.page()));
                children.addAll(wordBlocks);
            }
            blocks.add(new BlockItem("PAGE", null, null, null, geometry(new Box(0, 0, page.width(), page.height()), page),
                    pageId, lineIds.isEmpty() ? null : List.of(new Relationship("CHILD", lineIds)), page.page()));
            blocks.addAll(children);
        }
        return new TextractDocument(new TextractDocument.Metadata(pages.size()), blocks, "1.0");
    }

    private static String id(PageResult page, String path) {
        String name = page.batchId() + "/" + page.docId() + "/" + page.page() + "/" + path;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static double confidence(double c) {
        return Math.max(0, Math.min(100, c));
    }

    /** Textract geometry: fractions of the page, clipped to [0,1]; polygon clockwise from top-left. */
    static Geometry geometry(Box box, PageResult page) {
        Box b = box.clippedTo(page.width(), page.height());
        double w = Math.max(1, page.width());
        double h = Math.max(1, page.height());
        double left = b.x() / w;
        double top = b.y() / h;
        double right = b.right() / w;
        double bottom = b.bottom() / h;
        return new Geometry(new BoundingBox(right - left, bottom - top, left, top),
                List.of(new Point(left, top), new Point(right, top), new Point(right, bottom), new Point(left, bottom)));
    }
}
