package io.deepreader.reliability;

import static io.deepreader.reliability.Invocations.efsDoc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.function.FunctionEnvironment;
import io.deepreader.ocr.efs.EfsLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configurable limits, logs without document text, and no shell-outs on the function's request path. */
class SecurityAndLimitsTest {
    private static final Path PROJECT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path efs;

    @Test
    void pixelPageAndByteLimitsComeFromTheEnvironment() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/limits"));
        Files.write(inbox.resolve("page.png"), Corpus.goodPng());        // 1240x560 = 694 400 pixels
        Files.write(inbox.resolve("two.pdf"), Corpus.pdf(2));            // 2 pages
        Files.write(inbox.resolve("noise.png"), Corpus.noisePng(3));     // ~1.9 MB
        Files.write(inbox.resolve("dot.png"), Corpus.onePixelPng());     // within every limit
        Map<String, String> limits = Map.of("MAX_PAGE_PIXELS", "500000", "MAX_PAGES", "1",
                "MAX_DOCUMENT_BYTES", "1000000", "PDF_DPI", "36");
        JsonNode r;
        try (FunctionEnvironment env = Invocations.environment(efs, limits)) {
            r = Invocations.invoke(env, "limits", List.of(efsDoc("page", "inbox/limits/page.png"),
                    efsDoc("two", "inbox/limits/two.pdf"), efsDoc("noise", "inbox/limits/noise.png"),
                    efsDoc("dot", "inbox/limits/dot.png")));
        }
        JsonNode docs = r.get("documents");
        assertThat(docs.get(0).get("errorMessage").asText()).contains("over the limit of 500000");
        assertThat(docs.get(1).get("errorMessage").asText()).contains("2 pages, over the limit of 1");
        assertThat(docs.get(2).get("errorMessage").asText()).contains("over the limit of 1000000");
        for (int i = 0; i < 3; i++) {
            assertThat(docs.get(i).get("errorType").asText()).isEqualTo("DocumentTooLarge");
        }
        assertThat(docs.get(3).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void logsCarryNoDocumentText() throws Exception {
        Path inbox = Files.createDirectories(efs.resolve("inbox/logs"));
        Files.write(inbox.resolve("a.png"), Corpus.png(Corpus.textPage("CONFIDENTIAL SALARY 98765", "PATIENT WALTER")));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        JsonNode r;
        try (FunctionEnvironment env = Invocations.environment(efs, Map.of())) {
            r = Invocations.invoke(env, "logs", List.of(efsDoc("a", "inbox/logs/a.png")));
        } finally {
            System.setErr(original);
        }
        assertThat(r.get("ok").asInt()).isEqualTo(1);
        String text = Files.readString(new EfsLayout(efs).pageText("logs", "a", 1));
        List<String> words = Arrays.stream(text.split("\\s+")).filter(w -> w.length() >= 5).toList();
        assertThat(words).as("recognised words to look for").isNotEmpty();
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("something was logged").contains("\"batchId\":\"logs\"");
        for (String w : words) {
            assertThat(logs).doesNotContain(w);
        }
    }

    @Test
    void theFunctionsRuntimeCodeNeverStartsProcesses() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (String module : List.of("ocr-core", "ocr-function", "ctpn", "ctpn-model-loader", "extractors")) {
            Path src = PROJECT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                // CLIs (benchmarks, tools) run by developers are not on the handler's path.
                for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/cli/")).toList()) {
                    scanned++;
                    String code = Files.readString(f);
                    if (code.contains("ProcessBuilder") || code.contains(".exec(")) {
                        offenders.add(PROJECT.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(scanned).isGreaterThan(20);
        assertThat(offenders).isEmpty();
    }

    /** Copies what is logged while still letting it through to the test report. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
