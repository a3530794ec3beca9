package io.deepreader.extract.tables;

import java.util.List;

/** tables.json: every page of the document with the tables found on it (an empty list where none). */
public record TablesResult(int schemaVersion, String batchId, String docId, List<PageTables> pages) {
    public static final int SCHEMA_VERSION = 1;

    public TablesResult {
        pages = List.copyOf(pages);
    }

    public int tableCount() {
        return pages.stream().mapToInt(p -> p.tables().size()).sum();
    }
}
