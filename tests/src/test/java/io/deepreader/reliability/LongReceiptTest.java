package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.eval.LongReceipt;
import io.deepreader.ocr.eval.TextMetrics;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 4 (part): a 1200x20000 receipt with 15 px small print through the handler (OpenCV detector).
 * The detector used to shrink its longest side to 2000 px (print 1.5 px high: 0 lines, CER 1.000 through the
 * page pipeline); it is now detected in bands at full width ({@code PageBands}).
 */
class LongReceiptTest extends HandlerOnEfsTest {
    @Test
    void longReceiptIsReadWithItsSmallPrint() throws Exception {
        LongReceipt receipt = LongReceipt.rendered(19, 1200, 20000);
        Files.write(efs.resolve("inbox/long.png"), Corpus.png(receipt.page().toBufferedImage()));

        JsonNode r = Invocations.invoke(env, "long", List.of(Invocations.efsDoc("long", "inbox/long.png")));

        JsonNode doc = r.get("documents").get(0);
        assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("ok");
        String text = Files.readString(new EfsLayout(efs).pageText("long", "long", 1));
        double cer = TextMetrics.cer(receipt.text(), text);
        Reports.write("long-receipt.txt", List.of(String.format("size=1200x20000 truthLines=%d lines=%d cer=%.4f millis=%d",
                receipt.lines().size(), doc.get("lines").asInt(), cer, doc.get("millis").asLong())));
        // Every line is read once: the OpenCV detector splits some item lines at word gaps, so more boxes than lines.
        assertThat(doc.get("lines").asInt()).isGreaterThanOrEqualTo(receipt.lines().size());
        assertThat(cer).isLessThan(0.05);
    }
}
