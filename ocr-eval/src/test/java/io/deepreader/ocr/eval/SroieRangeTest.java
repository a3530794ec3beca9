package io.deepreader.ocr.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SroieRangeTest {
    @Test
    void parsesInclusiveRanges() {
        assertThat(SroieRange.parse("0-249")).isEqualTo(new SroieRange(0, 249));
        assertThat(SroieRange.parse(" 250 - 299 ").toString()).isEqualTo("250-299");
        assertThat(new SroieRange(7, 7).from()).isEqualTo(7);
        for (String bad : new String[] {"249", "5-2", "a-b", "-1-4", "1-2-3"}) {
            assertThatThrownBy(() -> SroieRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesEveryRangeThatTouchesTheReportSplit() {
        assertThat(SroieRange.parse("0-299").outsideReportSplit("tune")).isEqualTo(new SroieRange(0, 299));
        assertThat(SroieRange.parse("400-420").touchesReportSplit()).isFalse();
        for (String touching : new String[] {"300-399", "299-300", "399-400", "250-350", "0-999"}) {
            assertThat(SroieRange.parse(touching).touchesReportSplit()).as(touching).isTrue();
            assertThatThrownBy(() -> SroieRange.parse(touching).outsideReportSplit("tune")).as(touching)
                    .hasMessageContaining("report split").hasMessageContaining("tune");
        }
    }
}
