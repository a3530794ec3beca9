package io.deepreader.extract.tables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table as RFC 4180 CSV (Apache Commons CSV's {@code RFC4180} format: comma, double quotes where needed, CRLF), one
 * record per grid row; a merged cell's text stands at its top-left position, the positions it also covers are empty.
 */
public final class TableCsv {
    private TableCsv() {
    }

    public static String of(Table table) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            for (List<String> row : table.textGrid()) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }
}
