package io.deepreader.extract.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigitRepairTest {
    @Test
    void repairsConfusionsInsideNumbersOnly() {
        assertThat(DigitRepair.repair("Date: 11/@9/2@17")).isEqualTo("Date: 11/09/2017");
        assertThat(DigitRepair.repair("TOTAL 1O.5O")).isEqualTo("TOTAL 10.50");
        assertThat(DigitRepair.repair("l2/O3/2018 OIL")).isEqualTo("12/03/2018 OIL");
        // Words and ids with letters keep their letters.
        assertThat(DigitRepair.repair("TD01167104 SOLO INVOICE")).isEqualTo("TD01167104 SOLO INVOICE");
        assertThat(DigitRepair.repair("TOTAL")).isEqualTo("TOTAL");
    }

    @Test
    void lettersThatLookLikeDigitsOnlyBetweenDigits() {
        assertThat(DigitRepair.repair("TOTAL 1S.00")).isEqualTo("TOTAL 15.00");
        assertThat(DigitRepair.repair("(519S37-X)")).isEqualTo("(519537-X)");
        assertThat(DigitRepair.repair("4B.90")).isEqualTo("48.90");
        // At a number's edge 'S' and '$' stay what they are: "$53.00" may be dollars.
        assertThat(DigitRepair.repair("$53.00 S/B GST 12S")).isEqualTo("$53.00 S/B GST 12S");
    }

    @Test
    void taggerFindsTheRepairedDate() {
        assertThat(new TypeTagger().tag("Date: 11/@9/2@17")).filteredOn(s -> s.type() == DataType.DATE)
                .singleElement().satisfies(s -> {
                    assertThat(s.text()).isEqualTo("11/09/2017");
                    assertThat(s.normalized()).isEqualTo("2017-09-11");
                });
    }
}
