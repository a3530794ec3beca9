package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.pipeline.DocumentManifest;
import io.deepreader.ocr.pipeline.DocumentStatus;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three execution environments (separate JVMs, as Lambda runs them) process the same batch into the same
 * EFS root at once, each in a different order: every document must end with exactly one complete output
 * set, no temp files, and every environment must report every document done (none lost, none duplicated).
 */
class ConcurrentEnvironmentsTest {
    private static final int PROCESSES = 3;
    private static final int DOCUMENTS = 8;

    @TempDir
    Path efs;

    @Test
    void threeProcessesOnTheSameBatchLeaveOneCompleteOutputSetPerDocument() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/shared"));
        for (int i = 0; i < DOCUMENTS; i++) {
            Files.write(inbox.resolve(String.format("doc%02d.png", i)),
                    Corpus.png(Corpus.textPage("DOCUMENT " + i + " TOTAL " + (20 + i) + ".00")));
        }
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        List<Path> responses = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            Path response = efs.getParent().resolve("response-" + p + ".json");
            responses.add(response);
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    ConcurrentBatchMain.class.getName(), efs.toString(), "shared-batch", "inbox/shared",
                    Integer.toString(p), response.toString());
            pb.environment().put("OMP_THREAD_LIMIT", "1");
            pb.redirectErrorStream(true).redirectOutput(efs.getParent().resolve("process-" + p + ".log").toFile());
            processes.add(pb.start());
        }
        for (Process process : processes) {
            assertThat(process.waitFor(4, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).isZero();
        }

        EfsLayout layout = new EfsLayout(efs);
        int reused = 0;
        for (Path response : responses) {
            JsonNode r = ResultJson.mapper().readTree(response.toFile());
            assertThat(r.get("ok").asInt()).as(r.toString()).isEqualTo(DOCUMENTS);
            for (JsonNode o : r.get("documents")) {
                reused += o.get("reused").asBoolean() ? 1 : 0;
            }
        }
        try (Stream<Path> docs = Files.list(layout.batchDir("shared-batch"))) {
            assertThat(docs.count()).isEqualTo(DOCUMENTS);
        }
        for (int i = 0; i < DOCUMENTS; i++) {
            String docId = String.format("doc%02d", i);
            DocumentManifest m = ResultJson.mapper().readValue(layout.documentManifest("shared-batch", docId).toFile(),
                    DocumentManifest.class);
            assertThat(m.status()).isEqualTo(DocumentStatus.OK);
            assertThat(m.pages()).containsExactly("page-0001");
            try (Stream<Path> files = Files.list(layout.documentDir("shared-batch", docId))) {
                assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly(
                        "document.json", "page-0001.detections.json", "page-0001.ocr.json", "page-0001.png", "page-0001.txt");
            }
            PageResult page = ResultJson.mapper().readValue(layout.ocrJson("shared-batch", docId, 1).toFile(), PageResult.class);
            assertThat(page.docId()).isEqualTo(docId);
            assertThat(Files.readString(layout.pageText("shared-batch", docId, 1))).contains("DOCUMENT " + i + " TOTAL " + (20 + i) + ".00");
        }
        assertThat(Invocations.tempFiles(efs)).isEmpty();
        Reports.write("concurrent.txt", List.of("processes=" + PROCESSES + " documents=" + DOCUMENTS
                + " okReported=" + PROCESSES * DOCUMENTS + " reusedByAnotherProcess=" + reused
                + " outputSetsPerDocument=1 tempFilesLeft=0 lost=0"));
    }
}
