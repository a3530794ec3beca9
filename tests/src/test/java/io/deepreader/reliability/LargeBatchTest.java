package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 6: a batch too large to answer within Lambda's 6 MB response cap is refused up front with a
 * clear error; answers are compact; every invocation's statuses are also kept on EFS.
 */
class LargeBatchTest extends HandlerOnEfsTest {
    private static final int LIMIT = 1000;

    @BeforeAll
    static void writeInputs() throws IOException {
        Files.write(efs.resolve("inbox/good.png"), Corpus.goodPng());
    }

    @Test
    void moreDocumentsThanTheLimitAreRefusedWithAClearErrorAndNothingRuns() throws Exception {
        JsonNode r = Invocations.invoke(env, "huge", missingDocuments(LIMIT + 1));

        assertThat(r.get("errorType").asText()).isEqualTo("InvalidRequest");
        assertThat(r.get("errorMessage").asText()).contains(String.valueOf(LIMIT + 1)).contains("limit of " + LIMIT);
        assertThat(efs.resolve("jobs/huge")).doesNotExist();
    }

    @Test
    void aBatchAtTheLimitAnswersCompactlyAndKeepsItsStatusesOnEfs() throws Exception {
        List<Map<String, String>> docs = missingDocuments(LIMIT - 1);
        docs.add(Invocations.efsDoc("good", "inbox/good.png"));

        byte[] answer = Invocations.invokeBytes(env, "full", docs);

        String text = new String(answer, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n");
        JsonNode r = ResultJson.mapper().readTree(answer);
        assertThat(r.get("documents")).hasSize(LIMIT);
        assertThat(r.get("ok").asInt()).isEqualTo(1);
        assertThat(r.get("failed").asInt()).isEqualTo(LIMIT - 1);
        long prettyBytes = ResultJson.mapper().writeValueAsBytes(r).length;
        Reports.write("large-batch.txt", List.of("documents=" + LIMIT + " compactBytes=" + answer.length
                + " prettyBytes=" + prettyBytes + " bytesPerDocument=" + answer.length / LIMIT
                + " ratioOfLambdaCap=" + String.format("%.3f", answer.length / (6.0 * 1024 * 1024))));
        assertThat(answer.length).isLessThan(1 << 20);

        List<Path> summaries;
        try (Stream<Path> files = Files.list(efs.resolve("jobs/.summaries/full"))) {
            summaries = files.toList();
        }
        assertThat(summaries).hasSize(1);
        JsonNode kept = ResultJson.mapper().readTree(summaries.get(0).toFile());
        assertThat(kept).isEqualTo(r);
    }

    private static List<Map<String, String>> missingDocuments(int n) {
        List<Map<String, String>> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(Invocations.efsDoc(String.format("m%05d", i), "inbox/missing-" + i + ".png"));
        }
        return docs;
    }
}
