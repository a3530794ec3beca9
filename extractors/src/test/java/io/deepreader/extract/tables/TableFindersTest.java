package io.deepreader.extract.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.extract.formats.TextractConverter;
import io.deepreader.extract.testing.Pages;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The finders on hand-made rulings and words, the Textract TABLE/CELL/MERGED_CELL shape, and a broken page image. */
class TableFindersTest {
    /** A 3x3 grid at x 0,100,200,300 and y 0,50,100,150; the first row's first two positions merged (no ruling). */
    private static List<Ruling> grid() {
        List<Ruling> rulings = new ArrayList<>();
        for (int y = 0; y <= 150; y += 50) {
            rulings.add(new Ruling(true, y, 0, 300, 2));
        }
        rulings.add(new Ruling(false, 0, 0, 150, 2));
        rulings.add(new Ruling(false, 100, 50, 150, 2)); // stops under the merged header
        rulings.add(new Ruling(false, 200, 0, 150, 2));
        rulings.add(new Ruling(false, 300, 0, 150, 2));
        return rulings;
    }

    @Test
    void ruledGridWithAMissingRulingHasAMergedCell() {
        List<TableGrid> tables = new RuledTableFinder().find(grid());
        assertThat(tables).hasSize(1);
        TableGrid t = tables.get(0);
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.cols()).isEqualTo(3);
        assertThat(t.cells()).hasSize(8).contains(new TableGrid.Span(0, 0, 1, 2), new TableGrid.Span(0, 2, 1, 1),
                new TableGrid.Span(2, 1, 1, 1));
        assertThat(t.box()).isEqualTo(new Box(0, 0, 300, 150));
    }

    @Test
    void aLoneBoxOrLineIsNoTable() {
        List<Ruling> box = List.of(new Ruling(true, 0, 0, 300, 2), new Ruling(true, 100, 0, 300, 2),
                new Ruling(false, 0, 0, 100, 2), new Ruling(false, 300, 0, 100, 2));
        assertThat(new RuledTableFinder().find(box)).isEmpty();
        assertThat(new RuledTableFinder().find(List.of(new Ruling(true, 10, 0, 500, 2)))).isEmpty();
    }

    @Test
    void unruledColumnsComeFromSharedGapsAndAHeaderOverRightAlignedNumbersStaysOneColumn() {
        List<Line> lines = new ArrayList<>();
        int y = 20;
        lines.add(Pages.line("Item", 20, y));
        lines.add(Pages.line("Qty", 300, y)); // left-aligned header over right-aligned numbers
        lines.add(Pages.line("Price", 450, y));
        String[][] rows = {{"Apples", "2", "3.00"}, {"Pears", "12", "14.50"}, {"Plums", "100", "120.00"}};
        for (String[] row : rows) {
            y += 30;
            lines.add(Pages.line(row[0], 20, y));
            lines.add(Pages.line(row[1], 400 - row[1].length() * Pages.CHAR_W, y));
            lines.add(Pages.line(row[2], 560 - row[2].length() * Pages.CHAR_W, y));
        }
        lines.add(Pages.line("Thank you for shopping with us", 20, y + 80));
        PageResult page = Pages.page("b1", "d1", 1, 640, 400, lines);
        PageTables tables = new TableExtractor().page(page, List.of());
        assertThat(tables.tables()).hasSize(1);
        Table t = tables.tables().get(0);
        assertThat(t.kind()).isEqualTo(TableKind.UNRULED);
        assertThat(t.textGrid()).containsExactly(List.of("Item", "Qty", "Price"), List.of("Apples", "2", "3.00"),
                List.of("Pears", "12", "14.50"), List.of("Plums", "100", "120.00"));
        assertThat(TableCsv.of(t)).isEqualTo("Item,Qty,Price\r\nApples,2,3.00\r\nPears,12,14.50\r\nPlums,100,120.00\r\n");
    }

    @Test
    void textRowsWithoutANumericColumnAreNoTable() {
        List<Line> lines = new ArrayList<>();
        String[][] rows = {{"ACME Supplies", "INVOICE"}, {"12 Harbour Road", "Customer copy"}, {"Port Kelang", "Original"}};
        int y = 20;
        for (String[] row : rows) {
            lines.add(Pages.line(row[0], 20, y));
            lines.add(Pages.line(row[1], 400, y));
            y += 30;
        }
        assertThat(new TableExtractor().page(Pages.page("b1", "d1", 1, 640, 400, lines), List.of()).tables()).isEmpty();
    }

    @Test
    void textractHasTableCellAndMergedCellBlocksAsAnalyzeDocumentDoes() throws Exception {
        List<Line> lines = List.of(Pages.line("Header", 120, 15), Pages.line("Total", 220, 15),
                Pages.line("a", 20, 65), Pages.line("b", 120, 65), Pages.line("1.00", 220, 65),
                Pages.line("c", 20, 115), Pages.line("d", 120, 115), Pages.line("2.00", 220, 115));
        PageResult page = Pages.page("b1", "d1", 1, 400, 200, lines);
        PageTables found = new TableExtractor().page(page, grid());
        Table table = found.tables().get(0);
        assertThat(table.textGrid().get(0)).containsExactly("Header", "", "Total");
        TablesResult tables = new TablesResult(TablesResult.SCHEMA_VERSION, "b1", "d1", List.of(found));
        JsonNode doc = ResultJson.mapper().readTree(ResultJson.mapper().writeValueAsString(
                new TextractConverter().convert(List.of(page), tables)));
        assertThat(doc.has("AnalyzeDocumentModelVersion")).isTrue();
        assertThat(doc.has("DetectDocumentTextModelVersion")).isFalse();
        Map<String, JsonNode> byId = new HashMap<>();
        Map<String, List<JsonNode>> byType = new HashMap<>();
        for (JsonNode b : doc.get("Blocks")) {
            byId.put(b.get("Id").asText(), b);
            byType.computeIfAbsent(b.get("BlockType").asText(), k -> new ArrayList<>()).add(b);
        }
        assertThat(byType.get("TABLE")).hasSize(1);
        assertThat(byType.get("CELL")).hasSize(9);
        assertThat(byType.get("MERGED_CELL")).hasSize(1);
        JsonNode tableBlock = byType.get("TABLE").get(0);
        assertThat(tableBlock.get("EntityTypes").get(0).asText()).isEqualTo("STRUCTURED_TABLE");
        assertThat(tableBlock.get("Relationships").get(0).get("Type").asText()).isEqualTo("CHILD");
        assertThat(tableBlock.get("Relationships").get(0).get("Ids")).hasSize(9);
        assertThat(tableBlock.get("Relationships").get(1).get("Type").asText()).isEqualTo("MERGED_CELL");
        JsonNode pageBlock = byType.get("PAGE").get(0);
        List<String> pageChildren = new ArrayList<>();
        pageBlock.get("Relationships").get(0).get("Ids").forEach(id -> pageChildren.add(id.asText()));
        assertThat(pageChildren).contains(tableBlock.get("Id").asText());

        JsonNode merged = byType.get("MERGED_CELL").get(0);
        assertThat(merged.get("RowIndex").asInt()).isEqualTo(1);
        assertThat(merged.get("ColumnIndex").asInt()).isEqualTo(1);
        assertThat(merged.get("RowSpan").asInt()).isEqualTo(1);
        assertThat(merged.get("ColumnSpan").asInt()).isEqualTo(2);
        List<JsonNode> covered = new ArrayList<>();
        merged.get("Relationships").get(0).get("Ids").forEach(id -> covered.add(byId.get(id.asText())));
        assertThat(covered).extracting(c -> c.get("BlockType").asText() + c.get("RowIndex") + c.get("ColumnIndex"))
                .containsExactly("CELL11", "CELL12");
        // Each CELL's CHILD words are the words inside it: the merged header's word sits in its second position.
        Map<String, String> text = new HashMap<>();
        for (JsonNode cell : byType.get("CELL")) {
            StringBuilder words = new StringBuilder();
            if (cell.has("Relationships")) {
                cell.get("Relationships").get(0).get("Ids").forEach(id -> words.append(byId.get(id.asText()).get("Text").asText()));
            }
            text.put(cell.get("RowIndex").asInt() + "," + cell.get("ColumnIndex").asInt(), words.toString());
        }
        assertThat(text).containsEntry("1,1", "").containsEntry("1,2", "Header").containsEntry("1,3", "Total")
                .containsEntry("2,3", "1.00").containsEntry("3,2", "d");
    }

    @Test
    void aPageImageThatDoesNotDecodeGivesNoRulingsNotAFailure(@TempDir Path efs) throws Exception {
        EfsLayout layout = new EfsLayout(efs);
        Path png = layout.preprocessedPage("b1", "d1", 1);
        Files.createDirectories(png.getParent());
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        PageResult page = Pages.receipt("ITEM|1.00");
        assertThat(new PageRulings(layout, 300, new RulingDetector()).of("b1", "d1", page)).isEmpty();
    }
}
