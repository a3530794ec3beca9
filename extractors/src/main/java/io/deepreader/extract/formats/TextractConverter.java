package io.deepreader.extract.formats;

import io.deepreader.extract.formats.TextractDocument.BlockItem;
import io.deepreader.extract.formats.TextractDocument.BoundingBox;
import io.deepreader.extract.formats.TextractDocument.Geometry;
import io.deepreader.extract.formats.TextractDocument.Point;
import io.deepreader.extract.formats.TextractDocument.Relationship;
import io.deepreader.extract.layout.Token;
import io.deepreader.extract.tables.PageTables;
import io.deepreader.extract.tables.PageWords;
import io.deepreader.extract.tables.Table;
import io.deepreader.extract.tables.TableCell;
import io.deepreader.extract.tables.TableKind;
import io.deepreader.extract.tables.TablesResult;
import io.deepreader.extract.tables.WordRef;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.PageResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PageResults (and the tables found on them) to a {@link TextractDocument}. Ids are name-based UUIDs of (batch,
 * document, page, line, word / table, cell), so converting the same OCR twice gives the same ids.
 * <p>
 * Tables follow AnalyzeDocument's TABLES shape: the PAGE's CHILD list names its TABLEs beside its LINEs; a TABLE's
 * CHILD list names one CELL per grid position (row-major, RowSpan = ColumnSpan = 1, 1-based indices), its MERGED_CELL
 * list the cells spanning several positions; a MERGED_CELL has the span and CHILD -> the CELLs it covers; a CELL has
 * CHILD -> the WORDs whose centre is inside it (none for an empty cell). Ruled tables are {@code STRUCTURED_TABLE},
 * unruled ones {@code SEMI_STRUCTURED_TABLE}.
 */
public final class TextractConverter {

    public TextractDocument convert(List<PageResult> pages) {
        return convert(pages, null);
    }

    /** @param tables the document's tables, or null for a DetectDocumentText response without them */
    public TextractDocument convert(List<PageResult> pages, TablesResult tables) {
        Map<Integer, PageTables> tablesByPage = new HashMap<>();
        if (tables != null) {
            tables.pages().forEach(p -> tablesByPage.put(p.page(), p));
        }
        List<BlockItem> blocks = new ArrayList<>();
        for (PageResult page : pages) {
            String pageId = id(page, "page");
            List<String> childIds = new ArrayList<>();
            List<BlockItem> children = new ArrayList<>();
            Map<WordRef, Token> wordsByRef = new HashMap<>();
            for (PageWords.NumberedLine line : PageWords.lines(page)) {
                String lineId = id(page, "line/" + line.number());
                List<String> wordIds = new ArrayList<>();
                List<BlockItem> wordBlocks = new ArrayList<>();
                for (PageWords.PageWord w : line.words()) {
                    String wordId = wordId(page, w.ref());
                    wordIds.add(wordId);
                    wordsByRef.put(w.ref(), w.token());
                    wordBlocks.add(new BlockItem("WORD", confidence(w.token().confidence()), w.token().text(), "PRINTED",
                            geometry(w.token().box(), page), wordId, null, page.page()));
                }
                childIds.add(lineId);
                children.add(new BlockItem("LINE", confidence(line.line().confidence()), line.text().text(), null,
                        geometry(line.line().box(), page), lineId, List.of(new Relationship("CHILD", wordIds)), page.page()));
                children.addAll(wordBlocks);
            }
            PageTables pageTables = tablesByPage.get(page.page());
            if (pageTables != null) {
                for (Table table : pageTables.tables()) {
                    childIds.add(id(page, "table/" + table.id()));
                    children.addAll(tableBlocks(page, table, wordsByRef));
                }
            }
            blocks.add(new BlockItem("PAGE", null, null, null, geometry(new Box(0, 0, page.width(), page.height()), page),
                    pageId, childIds.isEmpty() ? null : List.of(new Relationship("CHILD", childIds)), page.page()));
            blocks.addAll(children);
        }
        TextractDocument.Metadata metadata = new TextractDocument.Metadata(pages.size());
        return tables == null || tables.tableCount() == 0
                ? new TextractDocument(metadata, blocks, "1.0")
                : new TextractDocument(metadata, blocks, null, "1.0");
    }

    private static List<BlockItem> tableBlocks(PageResult page, Table table, Map<WordRef, Token> wordsByRef) {
        String tableId = id(page, "table/" + table.id());
        TableCell[][] owner = new TableCell[table.rows()][table.cols()];
        for (TableCell cell : table.cells()) {
            for (int r = cell.row(); r < cell.row() + cell.rowSpan(); r++) {
                for (int c = cell.col(); c < cell.col() + cell.colSpan(); c++) {
                    owner[r][c] = cell;
                }
            }
        }
        List<BlockItem> cells = new ArrayList<>();
        List<String> cellIds = new ArrayList<>();
        Map<TableCell, List<String>> merged = new java.util.LinkedHashMap<>();
        for (int r = 0; r < table.rows(); r++) {
            for (int c = 0; c < table.cols(); c++) {
                TableCell cell = owner[r][c];
                Box box = cell.rowSpan() == 1 && cell.colSpan() == 1 ? cell.box() : position(cell, r, c);
                List<String> wordIds = new ArrayList<>();
                List<Double> confidences = new ArrayList<>();
                for (WordRef ref : cell.words()) {
                    Token word = wordsByRef.get(ref);
                    if (word != null && centreIn(box, word.box())) {
                        wordIds.add(wordId(page, ref));
                        confidences.add(word.confidence());
                    }
                }
                String cellId = id(page, "table/" + table.id() + "/cell/" + (r + 1) + "/" + (c + 1));
                cellIds.add(cellId);
                double conf = confidences.stream().mapToDouble(Double::doubleValue).average().orElse(cellConfidence(table));
                cells.add(new BlockItem("CELL", confidence(conf), null, null, geometry(box, page), cellId,
                        wordIds.isEmpty() ? null : List.of(new Relationship("CHILD", wordIds)), page.page(),
                        r + 1, c + 1, 1, 1, null));
                if (cell.rowSpan() > 1 || cell.colSpan() > 1) {
                    merged.computeIfAbsent(cell, k -> new ArrayList<>()).add(cellId);
                }
            }
        }
        List<BlockItem> mergedBlocks = new ArrayList<>();
        List<String> mergedIds = new ArrayList<>();
        for (Map.Entry<TableCell, List<String>> e : merged.entrySet()) {
            TableCell cell = e.getKey();
            String mergedId = id(page, "table/" + table.id() + "/merged/" + (cell.row() + 1) + "/" + (cell.col() + 1));
            mergedIds.add(mergedId);
            double conf = cell.words().isEmpty() ? cellConfidence(table) : cell.confidence();
            mergedBlocks.add(new BlockItem("MERGED_CELL", confidence(conf), null, null, geometry(cell.box(), page), mergedId,
                    List.of(new Relationship("CHILD", e.getValue())), page.page(),
                    cell.row() + 1, cell.col() + 1, cell.rowSpan(), cell.colSpan(), null));
        }
        List<Relationship> relationships = new ArrayList<>(List.of(new Relationship("CHILD", cellIds)));
        if (!mergedIds.isEmpty()) {
            relationships.add(new Relationship("MERGED_CELL", mergedIds));
        }
        List<BlockItem> blocks = new ArrayList<>();
        blocks.add(new BlockItem("TABLE", confidence(cellConfidence(table)), null, null, geometry(table.box(), page), tableId,
                relationships, page.page(), null, null, null, null,
                List.of(table.kind() == TableKind.RULED ? "STRUCTURED_TABLE" : "SEMI_STRUCTURED_TABLE")));
        blocks.addAll(cells);
        blocks.addAll(mergedBlocks);
        return blocks;
    }

    /** The box of grid position (r, c) inside a spanning cell: the cell's box divided evenly. */
    private static Box position(TableCell cell, int r, int c) {
        Box b = cell.box();
        double w = b.width() / (double) cell.colSpan();
        double h = b.height() / (double) cell.rowSpan();
        int i = c - cell.col();
        int j = r - cell.row();
        return Box.ofCorners(b.x() + i * w, b.y() + j * h, b.x() + (i + 1) * w, b.y() + (j + 1) * h);
    }

    private static boolean centreIn(Box box, Box word) {
        return word.centerX() >= box.x() && word.centerX() < box.right() && word.centerY() >= box.y() && word.centerY() < box.bottom();
    }

    /** A table's confidence: the mean of its non-empty cells' word confidences (100 for a table of empty cells). */
    private static double cellConfidence(Table table) {
        return table.cells().stream().filter(c -> !c.words().isEmpty()).mapToDouble(TableCell::confidence).average().orElse(100);
    }

    private static String wordId(PageResult page, WordRef ref) {
        return id(page, "line/" + ref.line() + "/word/" + ref.word());
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
