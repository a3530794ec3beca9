package io.deepreader.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code submit} against an in-process S3Mock through the real S3Client. */
class SubmitTest {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withInitialBuckets("invoices").build();

    @TempDir
    Path tmp;

    private record Run(int code, JsonNode json, String text) {
    }

    private Run submit(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Cli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 8];
        System.arraycopy(new String[]{"submit", "--bucket", "invoices", "--endpoint", "http://127.0.0.1:" + S3_MOCK.getHttpPort(),
                "--manifest", tmp.resolve("manifest.json").toString(), "--json"}, 0, all, 0, 8);
        System.arraycopy(args, 0, all, 8, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString().isBlank() ? null : Json.mapper().readTree(out.toString()), err.toString());
    }

    @Test
    void uploadsResumesWithoutReuploadingAndRejectsUnreadableFiles(S3Client s3) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("batch"));
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared"), "data/sroie-dev/img");
        Files.copy(shared.resolve("300.jpg"), dir.resolve("a.jpg"));
        Files.copy(shared.resolve("301.jpg"), dir.resolve("b.jpg"));
        byte[] large = new byte[11 * 1024 * 1024];
        new Random(7).nextBytes(large);
        Files.write(dir.resolve("large.pdf"), large);

        // "Interrupted" first run: only one file got through.
        Run first = submit(dir.resolve("a.jpg").toString());
        assertThat(first.code()).as(first.text()).isZero();
        assertThat(first.json().path("uploaded").asInt()).isEqualTo(1);

        Run second = submit("--multipart-threshold-mb", "6", "--part-size-mb", "5", dir.toString());
        assertThat(second.code()).as(second.text()).isZero();
        assertThat(second.json().path("skipped").asInt()).isEqualTo(1);
        assertThat(second.json().path("uploaded").asInt()).isEqualTo(2);

        var objects = s3.listObjectsV2(r -> r.bucket("invoices").prefix("inbox/")).contents();
        assertThat(objects).hasSize(3);
        assertThat(objects.stream().map(S3Object::key)).allMatch(k -> k.matches("inbox/sha256-[0-9a-f]{32}\\.(jpg|pdf)"));
        String largeKey = objects.stream().map(S3Object::key).filter(k -> k.endsWith(".pdf")).findFirst().orElseThrow();
        byte[] stored = s3.getObjectAsBytes(r -> r.bucket("invoices").key(largeKey)).asByteArray();
        assertThat(stored).isEqualTo(large);
        // Multipart objects carry an ETag with a part count suffix.
        assertThat(s3.headObject(r -> r.bucket("invoices").key(largeKey)).eTag()).contains("-3");

        Path broken = dir.resolve("broken.pdf");
        Files.createSymbolicLink(broken, tmp.resolve("missing.pdf"));
        Run third = submit(dir.toString());
        assertThat(third.code()).isEqualTo(ExitCodes.DOCUMENTS_FAILED);
        assertThat(third.json().path("skipped").asInt()).isEqualTo(3);
        assertThat(third.json().path("uploaded").asInt()).isZero();
        assertThat(third.json().path("rejected").asInt()).isEqualTo(1);
        JsonNode rejected = third.json().path("results").get(2); // sorted: a, b, broken, large
        assertThat(rejected.path("file").asText()).endsWith("broken.pdf");
        assertThat(rejected.path("message").asText()).startsWith("cannot read file (NoSuchFile");
    }
}
