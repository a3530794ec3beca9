package io.deepreader.extract.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deepreader.extract.formats.TextractDocument.BlockItem;
import io.deepreader.extract.formats.TextractDocument.Relationship;
import io.deepreader.extract.testing.Pages;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TextractConverterTest {
    private static final List<PageResult> PAGES = List.of(
            Pages.page("b1", "d1", 1, 400, 200, List.of(Pages.line("HELLO WORLD", 20, 30), Pages.line("TOTAL 9.00", 20, 60))),
            // A word box past the page edge must still give geometry inside [0,1].
            Pages.page("b1", "d1", 2, 100, 100, List.of(Pages.line("OVERFLOWING WORD", 50, 90))));

    @Test
    void roundTripKeepsBlocksRelationshipsAndGeometry() throws Exception {
        String json = ResultJson.mapper().writeValueAsString(new TextractConverter().convert(PAGES));
        TextractDocument back = ResultJson.mapper().readValue(json, TextractDocument.class);

        assertThat(back.documentMetadata().pages()).isEqualTo(2);
        Map<String, BlockItem> byId = back.blocks().stream().collect(Collectors.toMap(BlockItem::id, Function.identity()));
        assertThat(byId).hasSize(back.blocks().size());
        assertThat(back.blocks()).extracting(BlockItem::blockType).containsOnly("PAGE", "LINE", "WORD");
        assertThat(back.blocks()).filteredOn(b -> b.blockType().equals("PAGE")).hasSize(2);
        assertThat(back.blocks()).filteredOn(b -> b.blockType().equals("LINE")).extracting(BlockItem::text)
                .containsExactly("HELLO WORLD", "TOTAL 9.00", "OVERFLOWING WORD");

        Set<String> children = new HashSet<>();
        for (BlockItem b : back.blocks()) {
            var box = b.geometry().boundingBox();
            assertThat(List.of(box.left(), box.top(), box.width(), box.height(), box.left() + box.width(), box.top() + box.height()))
                    .allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            assertThat(b.geometry().polygon()).hasSize(4)
                    .allSatisfy(p -> assertThat(List.of(p.x(), p.y())).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0)));
            if (b.relationships() != null) {
                for (Relationship r : b.relationships()) {
                    assertThat(r.type()).isEqualTo("CHILD");
                    for (String id : r.ids()) {
                        BlockItem child = byId.get(id);
                        assertThat(child).isNotNull();
                        assertThat(child.page()).isEqualTo(b.page());
                        assertThat(child.blockType()).isEqualTo(b.blockType().equals("PAGE") ? "LINE" : "WORD");
                        assertThat(children.add(id)).as("each block has one parent").isTrue();
                    }
                }
            }
            if (b.blockType().equals("WORD")) {
                assertThat(b.textType()).isEqualTo("PRINTED");
                assertThat(b.confidence()).isEqualTo(90.0);
            }
        }
        // Every LINE and WORD is some block's child; a line's text is its words in order.
        assertThat(children).hasSize(back.blocks().size() - 2);
        BlockItem line = back.blocks().stream().filter(b -> "TOTAL 9.00".equals(b.text())).findFirst().orElseThrow();
        assertThat(line.relationships().get(0).ids()).extracting(id -> byId.get(id).text()).containsExactly("TOTAL", "9.00");
        // HELLO at x=20..70 on a 400 px page: Left 0.05, Width 0.125.
        BlockItem hello = back.blocks().stream().filter(b -> "HELLO".equals(b.text())).findFirst().orElseThrow();
        assertThat(hello.geometry().boundingBox().left()).isCloseTo(0.05, within(1e-9));
        assertThat(hello.geometry().boundingBox().width()).isCloseTo(0.125, within(1e-9));
        assertThat(hello.geometry().boundingBox().top()).isCloseTo(0.15, within(1e-9));
    }

    @Test
    void usesTextractFieldNamesAndStableIds() throws Exception {
        JsonNode tree = ResultJson.mapper().readTree(ResultJson.mapper().writeValueAsString(new TextractConverter().convert(PAGES)));
        JsonNode word = tree.get("Blocks").get(2);
        assertThat(word.get("BlockType").asText()).isEqualTo("WORD");
        assertThat(word.get("Geometry").get("BoundingBox").has("Left")).isTrue();
        assertThat(word.get("Geometry").get("Polygon").get(0).has("X")).isTrue();
        assertThat(tree.has("DocumentMetadata")).isTrue();
        assertThat(new TextractConverter().convert(PAGES)).isEqualTo(new TextractConverter().convert(PAGES));
    }
}
