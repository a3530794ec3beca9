package io.deepreader.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, case 7: a request that cannot run is answered with a typed error (never a Java stack trace), and
 * a bad entry of a good request fails alone.
 */
class RequestValidationTest extends HandlerOnEfsTest {
    @BeforeAll
    static void writeInputs() throws IOException {
        Files.write(efs.resolve("inbox/good.png"), Corpus.goodPng());
    }

    @Test
    void aMisspeltDocumentsKeyIsAnInvalidRequestNotAnEmptySuccess() throws Exception {
        JsonNode r = Invocations.invokeRaw(env, """
                {"batchId": "typo", "docs": [{"docId": "a", "efsPath": "inbox/good.png"}]}""");

        assertRejected(r, "InvalidRequest");
        assertThat(r.get("errorMessage").asText()).contains("docs");
        assertThat(efs.resolve("jobs/typo")).doesNotExist();
    }

    @Test
    void requestsThatAreNotBatchesGetTypedErrors() throws Exception {
        assertRejected(Invocations.invokeRaw(env, "{\"batchId\": \"b\", \"documents\": [{\"docId\": "), "InvalidRequest");
        assertRejected(Invocations.invokeRaw(env, "[1, 2]"), "InvalidRequest");
        assertRejected(Invocations.invokeRaw(env, "{\"batchId\": \"b\"}"), "InvalidRequest");
        assertRejected(Invocations.invokeRaw(env, "{\"batchId\": \"b\", \"documents\": {\"docId\": \"a\"}}"), "InvalidRequest");
        assertRejected(Invocations.invokeRaw(env, "{\"documents\": []}"), "InvalidId");
        assertRejected(Invocations.invokeRaw(env, "{\"batchId\": \"../up\", \"documents\": []}"), "InvalidId");
    }

    @Test
    void aNullOrMalformedEntryAndEfsPathWithS3FailAloneBesideAGoodDocument() throws Exception {
        JsonNode r = Invocations.invokeRaw(env, """
                {"batchId": "entries", "documents": [
                  null,
                  {"docId": "good", "efsPath": "inbox/good.png"},
                  "inbox/good.png",
                  {"docId": "both", "efsPath": "inbox/good.png", "s3": {"bucket": "b", "key": "k.png"}},
                  {"docId": {"nested": true}, "efsPath": "inbox/good.png"}]}""");

        JsonNode docs = r.get("documents");
        assertThat(docs).hasSize(5);
        assertThat(r.get("ok").asInt()).isEqualTo(1);
        assertThat(docs.get(1).get("status").asText()).isEqualTo("ok");
        for (int i : new int[] {0, 2, 3, 4}) {
            assertThat(docs.get(i).get("status").asText()).as(docs.get(i).toString()).isEqualTo("failed");
            assertThat(docs.get(i).get("errorType").asText()).as(docs.get(i).toString()).isEqualTo("InvalidRequest");
        }
        assertThat(docs.get(3).get("errorMessage").asText()).contains("both efsPath and s3");
        assertThat(efs.resolve("jobs/entries/both")).doesNotExist();
    }

    @Test
    void aPdfPageOfNoAreaIsCorrupt() throws Exception {
        try (PDDocument pdf = new PDDocument()) {
            pdf.addPage(new PDPage(new PDRectangle(0, 0)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            Files.write(efs.resolve("inbox/zero.pdf"), out.toByteArray());
        }

        JsonNode r = Invocations.invoke(env, "zero", java.util.List.of(Invocations.efsDoc("zero", "inbox/zero.pdf")));

        assertThat(r.get("documents").get(0).get("errorType").asText()).isEqualTo("CorruptDocument");
    }

    private static void assertRejected(JsonNode response, String errorType) {
        assertThat(response.get("errorType").asText()).as(response.toString()).isEqualTo(errorType);
        assertThat(response.get("errorMessage").asText()).isNotBlank();
        assertThat(response.has("stackTrace")).isFalse();
        assertThat(response.has("documents")).isFalse();
    }
}
