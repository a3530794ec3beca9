package io.deepreader.ctpn;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReadingOrderTest {

    @Test
    void sortsRowsTopToBottomAndLeftToRightWithinARow() {
        Box price = new Box(300, 102, 50, 20);
        Box item = new Box(10, 100, 200, 22);
        Box header = new Box(50, 40, 300, 30);
        Box next = new Box(10, 140, 120, 20);
        assertThat(ReadingOrder.sort(List.of(next, price, header, item), Function.identity()))
                .containsExactly(header, item, price, next);
    }

    @Test
    void handlesManyOverlappingRowsWithoutContractViolations() {
        Random rnd = new Random(7);
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            boxes.add(new Box(rnd.nextInt(1000), rnd.nextInt(3000), 5 + rnd.nextInt(300), 5 + rnd.nextInt(60)));
        }
        List<Box> sorted = ReadingOrder.sort(boxes, Function.identity());
        assertThat(sorted).hasSize(2000).containsExactlyInAnyOrderElementsOf(boxes);
    }
}
