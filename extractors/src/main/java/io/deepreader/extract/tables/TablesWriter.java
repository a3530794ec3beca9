package io.deepreader.extract.tables;

import io.deepreader.ocr.efs.AtomicFiles;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a document's tables into its output folder, each file atomically: one CSV per table, then tables.json (so
 * every CSV that tables.json names is complete when it appears).
 */
public final class TablesWriter {
    public static final String TABLES_JSON = "tables.json";
    /** The only names a table's CSV may have: no path separators, nothing outside the folder. */
    private static final Pattern CSV_NAME = Pattern.compile("page-\\d{4,}\\.table-\\d{2,}\\.csv");

    /** @return the names written, CSVs first */
    public List<String> write(Path documentDir, TablesResult tables) throws IOException {
        List<String> written = new ArrayList<>();
        for (PageTables page : tables.pages()) {
            for (Table table : page.tables()) {
                String name = table.csv();
                if (!CSV_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("not a table file name: " + name);
                }
                AtomicFiles.writeString(documentDir.resolve(name), TableCsv.of(table));
                written.add(name);
            }
        }
        AtomicFiles.write(documentDir.resolve(TABLES_JSON), out -> out.write(ResultJson.mapper().writeValueAsBytes(tables)));
        written.add(TABLES_JSON);
        return written;
    }
}
