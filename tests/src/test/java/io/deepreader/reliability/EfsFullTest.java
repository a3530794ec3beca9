package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.result.ResultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EFS full in the middle of a batch, for real: the environment runs in a private mount namespace
 * ({@code unshare}) where {@code jobs/} is a tmpfs filled until only ~2.5 documents' outputs fit.
 * Documents that fit are ok and complete; the rest fail alone with OutputWriteFailed and leave no temp
 * file and no page file (their staged sets are deleted; a failed document.json may fit); once space is freed the same
 * batch completes, and the documents finished before are reused byte for byte.
 */
class EfsFullTest {
    private static final int DOCUMENTS = 6;

    @TempDir
    Path efs;

    @Test
    void fileSystemFullMidBatchFailsOnlyTheDocumentsThatDoNotFitAndLosesNothing() throws Exception {
        Assumptions.assumeTrue(privateMountsAvailable(), "needs unshare with a private mount namespace (util-linux)");
        Path inbox = Files.createDirectories(efs.resolve("inbox/full"));
        Files.createDirectories(efs.resolve("jobs"));
        for (int i = 0; i < DOCUMENTS; i++) {
            Files.write(inbox.resolve(String.format("doc%02d.png", i)),
                    Corpus.png(Corpus.textPage("RECEIPT " + (100 + i), "TOTAL " + (20 + i) + ".00", "PAID BY CARD")));
        }
        Path report = efs.getParent().resolve("efs-full-report.json");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        // The mount lives only in the child's namespace and disappears with it: nothing to clean up.
        ProcessBuilder pb = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o size=8m tmpfs \"$1/jobs\" && shift && exec \"$@\"", "sh", efs.toString(),
                java, "-Xmx1g", "-cp", System.getProperty("java.class.path"), EfsFullMain.class.getName(),
                efs.toString(), "inbox/full", report.toString());
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        Path log = efs.getParent().resolve("efs-full.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        assertThat(process.waitFor(4, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();

        JsonNode r = ResultJson.mapper().readTree(report.toFile());
        JsonNode full = r.get("full");
        List<String> ok = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (JsonNode d : full.get("documents")) {
            if (d.get("status").asText().equals("ok")) {
                ok.add(d.get("docId").asText());
            } else {
                assertThat(d.get("status").asText()).isEqualTo("failed");
                assertThat(d.get("errorType").asText()).as(d.toString()).isEqualTo("OutputWriteFailed");
                failed.add(d.get("docId").asText());
            }
        }
        assertThat(ok).as(full.toString()).isNotEmpty();
        assertThat(failed).as(full.toString()).isNotEmpty();
        assertThat(ok.size() + failed.size()).isEqualTo(DOCUMENTS);

        Map<String, String> whenFull = files(r.get("filesWhenFull"));
        assertThat(whenFull.keySet()).noneMatch(f -> f.endsWith(".tmp"));
        for (String docId : ok) {
            assertThat(whenFull).containsKeys(completeSet(docId));
        }
        for (String docId : failed) {
            // The failed attempt's staged pages are gone; at most its failure manifest is there (it fits once the
            // staged set is deleted), never an ok marker or a partial set.
            assertThat(whenFull.keySet()).filteredOn(f -> f.startsWith("jobs/full/" + docId + "/"))
                    .allMatch(f -> f.equals("jobs/full/" + docId + "/document.json"));
        }

        JsonNode retry = r.get("retry");
        assertThat(retry.get("ok").asInt()).as(retry.toString()).isEqualTo(DOCUMENTS);
        Map<String, String> afterRetry = files(r.get("filesAfterRetry"));
        assertThat(afterRetry.keySet()).noneMatch(f -> f.endsWith(".tmp"));
        for (JsonNode d : retry.get("documents")) {
            String docId = d.get("docId").asText();
            assertThat(afterRetry).containsKeys(completeSet(docId));
            assertThat(d.get("reused").asBoolean()).isEqualTo(ok.contains(docId));
        }
        for (String docId : ok) {
            for (String f : completeSet(docId)) {
                assertThat(afterRetry.get(f)).as(f).isEqualTo(whenFull.get(f));
            }
        }
        Reports.write("efs-full.txt", List.of("documents=" + DOCUMENTS + " bytesPerDocument=" + r.get("bytesPerDocument")
                + " okWhenFull=" + ok.size() + " outputWriteFailed=" + failed.size() + " tempFilesLeft=0"
                + " okAfterSpaceFreed=" + DOCUMENTS + " reusedIdentical=" + ok.size() + " lost=0"));
    }

    private static String[] completeSet(String docId) {
        String dir = "jobs/full/" + docId + "/";
        return new String[] {dir + "document.json", dir + "page-0001.png", dir + "page-0001.ocr.json",
                dir + "page-0001.detections.json", dir + "page-0001.txt"};
    }

    private static Map<String, String> files(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private static boolean privateMountsAvailable() {
        try {
            Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                    "mount -t tmpfs -o size=1m tmpfs /tmp").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
