package io.deepreader.extract.tables;

import io.deepreader.extract.tables.PageWords.PageWord;
import io.deepreader.ocr.result.PageResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a document's pages: ruled tables from the page image's ruling lines first, then unruled tables from
 * the alignment of the words outside them. Both are found in the page's {@link PageFrame} (upright, deskewed), where
 * rows are straight; cells and tables come out in original page pixels, like every other box.
 */
public final class TableExtractor {
    /** Where a page's rulings come from, in its {@link PageFrame}; a page without an image gives none. */
    @FunctionalInterface
    public interface RulingSource {
        List<Ruling> of(PageResult page) throws IOException;
    }

    private final RuledTableFinder ruled = new RuledTableFinder();
    private final UnruledTableFinder unruled = new UnruledTableFinder();

    public TablesResult extract(String batchId, String docId, List<PageResult> pages, RulingSource rulings)
            throws IOException {
        List<PageTables> result = new ArrayList<>();
        for (PageResult page : pages) {
            result.add(page(page, rulings.of(page)));
        }
        return new TablesResult(TablesResult.SCHEMA_VERSION, batchId, docId, result);
    }

    /** @param rulings the page's rulings in its {@link PageFrame} */
    public PageTables page(PageResult page, List<Ruling> rulings) {
        PageFrame frame = PageFrame.of(page);
        List<PageWord> words = PageWords.words(page).stream()
                .map(w -> new PageWord(w.ref(), new io.deepreader.extract.layout.Token(w.token().text(),
                        frame.toFrame(w.token().box()), w.token().confidence(), w.token().start(), w.token().end())))
                .toList();
        List<TableGrid> grids = new ArrayList<>(ruled.find(rulings));
        List<PageWord> outside = words.stream()
                .filter(w -> grids.stream().noneMatch(g -> CellFiller.contains(g.box(), w.token().box()))).toList();
        grids.addAll(unruled.find(outside));
        grids.sort(java.util.Comparator.comparingInt((TableGrid g) -> g.box().y()).thenComparingInt(g -> g.box().x()));
        List<Table> tables = new ArrayList<>();
        for (TableGrid grid : grids) {
            tables.add(toOriginal(CellFiller.fill(grid, words, page.page(), tables.size() + 1), frame));
        }
        return new PageTables(page.page(), page.width(), page.height(), tables);
    }

    private static Table toOriginal(Table t, PageFrame frame) {
        List<TableCell> cells = t.cells().stream().map(c -> new TableCell(c.row(), c.col(), c.rowSpan(), c.colSpan(),
                frame.toOriginal(c.box()), c.text(), c.confidence(), c.words())).toList();
        return new Table(t.id(), t.kind(), frame.toOriginal(t.box()), t.rows(), t.cols(), cells, t.csv());
    }
}
