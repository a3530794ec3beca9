package io.deepreader.extract.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.extract.testing.Pages;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeExtractorTest {
    @Test
    void wordsAndLinesGetTheTypeOfTheirValues() {
        List<TypedLine> lines = new TypeExtractor(new TypeTagger()).extract(List.of(Pages.receipt(
                "TEL : 03-7731 8169", "25/12/2018", "TOTAL|RM 9.00")));
        TypedLine phone = lines.get(0);
        assertThat(phone.type()).isEqualTo(DataType.PHONE);
        assertThat(phone.words()).extracting(TypedWord::type)
                .containsExactly(DataType.TEXT, DataType.TEXT, DataType.PHONE, DataType.PHONE);
        assertThat(phone.values()).singleElement().satisfies(v -> {
            assertThat(v.normalized()).isEqualTo("0377318169");
            // The value's box is the union of its two words.
            assertThat(v.box()).isEqualTo(phone.words().get(2).box().union(phone.words().get(3).box()));
        });
        assertThat(lines.get(1).type()).isEqualTo(DataType.DATE);
        assertThat(lines.get(2).type()).isEqualTo(DataType.TEXT);
        assertThat(lines.get(3).type()).isEqualTo(DataType.AMOUNT);
        assertThat(lines.get(3).words()).extracting(TypedWord::type).containsExactly(DataType.AMOUNT, DataType.AMOUNT);
    }
}
