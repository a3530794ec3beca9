package io.deepreader.extract.tables;

import io.deepreader.extract.tables.PageWords.PageWord;
import io.deepreader.ocr.result.PageResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a document's pages: ruled tables from the page image's ruling lines first, then unruled tables from
 * the alignment of the words outside them.
 */
public final class TableExtractor {
    /** Where a page's rulings come from; a page without an image gives none. */
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

    public PageTables page(PageResult page, List<Ruling> rulings) {
        List<PageWord> words = PageWords.words(page);
        List<TableGrid> grids = new ArrayList<>(ruled.find(rulings));
        List<PageWord> outside = words.stream()
                .filter(w -> grids.stream().noneMatch(g -> CellFiller.contains(g.box(), w.token().box()))).toList();
        grids.addAll(unruled.find(outside));
        grids.sort(java.util.Comparator.comparingInt((TableGrid g) -> g.box().y()).thenComparingInt(g -> g.box().x()));
        List<Table> tables = new ArrayList<>();
        for (TableGrid grid : grids) {
            tables.add(CellFiller.fill(grid, words, page.page(), tables.size() + 1));
        }
        return new PageTables(page.page(), page.width(), page.height(), tables);
    }
}
