package io.deepreader.ctpn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.eval.TextMetrics;
import io.deepreader.ocr.geometry.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The protocol behind the numbers {@code eval} and {@code tune} report (ocr-core's {@link LineMatch} and
 * {@link TextMetrics}, shared with the pipeline's evaluation): one-to-one matching at IoU 0.5, and CER over
 * upper-cased text without white space.
 */
class EvalProtocolTest {

    @Test
    void matchesOneToOneAtIou() {
        List<Box> truth = List.of(new Box(0, 0, 100, 20), new Box(0, 30, 100, 20));
        // Two detections on the first line (only one may count), one too small on the second, one extra.
        List<Box> found = List.of(new Box(2, 1, 98, 19), new Box(0, 0, 90, 20), new Box(0, 30, 30, 20),
                new Box(300, 300, 10, 10));
        LineMatch m = LineMatch.of(truth, found, 0.5);
        assertThat(m.matched()).isEqualTo(1);
        assertThat(m.precision()).isCloseTo(0.25, within(1e-9));
        assertThat(m.recall()).isCloseTo(0.5, within(1e-9));
        assertThat(m.f1()).isCloseTo(2 * 0.25 * 0.5 / 0.75, within(1e-9));
    }

    @Test
    void cerIgnoresCaseAndWhiteSpace() {
        assertThat(TextMetrics.cer("Total  RM 10.00", "TOTAL\nRM10.00")).isZero();
        assertThat(TextMetrics.cer("ABCD", "ABXD")).isCloseTo(0.25, within(1e-9));
        assertThat(TextMetrics.cer("ABCD", "")).isEqualTo(1.0);
        assertThat(TextMetrics.editDistance("kitten", "sitting")).isEqualTo(3);
    }
}
