package io.deepreader.extract.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.deepreader.extract.eval.SroieGroundTruth;
import io.deepreader.extract.fields.ExpenseExtractor;
import io.deepreader.extract.types.TypeTagger;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import io.deepreader.ocr.result.PageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The table extractor over real receipts (SROIE 300-339: their ground-truth lines and the photos' own rulings): it
 * must not break on them, every table it returns is well formed, and the line-item rules, which do not depend on it,
 * give the same items with or without it having run. How many receipts get a table is printed (receipts are narrow
 * two- or three-column item lists, so an unruled table is expected on many).
 */
class SroieTablesTest {
    @Test
    void receiptsGiveWellFormedTablesAndTheirLineItemsStayAsBefore() throws Exception {
        Path data = Path.of(System.getProperty("shared.dir", "../../shared"), "data", "sroie-dev");
        assumeTrue(Files.isDirectory(data.resolve("box")), "skipped: shared SROIE data not present at " + data);
        TableExtractor extractor = new TableExtractor();
        RulingDetector rulings = new RulingDetector();
        ExpenseExtractor expenses = new ExpenseExtractor(new TypeTagger());
        int receipts = 0;
        int withTable = 0;
        int ruled = 0;
        int cells = 0;
        for (int i = 300; i < 340; i++) {
            String id = String.format("%03d", i);
            Path image = data.resolve("img").resolve(id + ".jpg");
            PageResult page = SroieGroundTruth.page(data.resolve("box").resolve(id + ".csv"), image, id);
            var before = expenses.extract(List.of(page)).lineItems();
            PageTables tables = extractor.page(page, rulings.detect(GrayImage.from(ImageIO.read(image.toFile()))));
            receipts++;
            withTable += tables.tables().isEmpty() ? 0 : 1;
            for (Table table : tables.tables()) {
                ruled += table.kind() == TableKind.RULED ? 1 : 0;
                assertThat(table.rows()).isGreaterThanOrEqualTo(table.kind() == TableKind.UNRULED ? 3 : 2);
                assertThat(table.cols()).isGreaterThanOrEqualTo(2);
                boolean[][] covered = new boolean[table.rows()][table.cols()];
                for (TableCell cell : table.cells()) {
                    Box box = cell.box();
                    assertThat(box.x()).isBetween(0, page.width());
                    assertThat(box.bottom()).isBetween(0, page.height());
                    for (int r = cell.row(); r < cell.row() + cell.rowSpan(); r++) {
                        for (int c = cell.col(); c < cell.col() + cell.colSpan(); c++) {
                            assertThat(covered[r][c]).as("%s position %d,%d in two cells", table.id(), r, c).isFalse();
                            covered[r][c] = true;
                        }
                    }
                    cells++;
                }
                for (boolean[] row : covered) {
                    assertThat(row).as(table.id() + " grid fully covered").doesNotContain(false);
                }
                assertThat(TableCsv.of(table).split("\r\n")).hasSize(table.rows());
            }
            assertThat(expenses.extract(List.of(page)).lineItems()).isEqualTo(before);
        }
        System.out.printf("tables on SROIE 300-339 (ground-truth lines): %d of %d receipts have a table (%d ruled), %d cells%n",
                withTable, receipts, ruled, cells);
    }
}
