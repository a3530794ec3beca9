package io.deepreader.extract.fields;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelWordsTest {
    @Test
    void repairsMisreadLabelWordsKeepingTheLength() {
        assertThat(LabelWords.repair("Tota] Incl. GST")).isEqualTo("TOTAL INCL. GST");
        assertThat(LabelWords.repair("T0TAL 9.90")).isEqualTo("TOTAL 9.90");
        assertThat(LabelWords.repair("CHONGE RM 5,50")).isEqualTo("CHANGE RM 5,50");
        assertThat(LabelWords.repair("ROUNDlNG ADJ")).isEqualTo("ROUNDING ADJ");
        for (String s : new String[] {"Tota] Incl. GST", "CHONGE RM 5,50", "Sde. Bad.", "99 SPEED MART 5/8"}) {
            assertThat(LabelWords.repair(s)).hasSameSizeAs(s);
        }
    }

    @Test
    void leavesRealWordsAndNumbersAlone() {
        assertThat(LabelWords.repair("SERVICE CHARGE 10%")).isEqualTo("SERVICE CHARGE 10%");
        assertThat(LabelWords.repair("BRAND 12345 TOTAL")).isEqualTo("BRAND 12345 TOTAL");
        // Mostly digits is a number, not a misread word.
        assertThat(LabelWords.repair("70741")).isEqualTo("70741");
        assertThat(LabelWords.repair("SDN BHD")).isEqualTo("SDN BHD");
    }

    @Test
    void repairsCompanySuffixes() {
        assertThat(LabelWords.repair("AMANO MALAYSIA SON BHD")).isEqualTo("AMANO MALAYSIA SDN BHD");
        assertThat(LabelWords.repair("KAISON FURNISHING SDN BHO")).isEqualTo("KAISON FURNISHING SDN BHD");
        assertThat(LabelWords.repairKeepingCase("Segi Cash & Carry Sde. Bad.")).isEqualTo("Segi Cash & Carry SdN. BHd.");
        assertThat(LabelWords.repair("99 SPEED MART 5/8")).isEqualTo("99 SPEED MART S/B");
        // Two unrelated three-letter words are not a suffix.
        assertThat(LabelWords.repair("THE BIG BAD")).isEqualTo("THE BIG BAD");
    }
}
