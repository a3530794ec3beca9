package io.deepreader.extract.tables;

import java.util.List;

/** The tables found on one page (1-based), top to bottom. */
public record PageTables(int page, int width, int height, List<Table> tables) {
    public PageTables {
        tables = List.copyOf(tables);
    }
}
