package io.deepreader.efs.seed;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.deepreader.ocr.efs.EfsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seeding Lambda handler copying a bundle from S3 (in-process S3Mock over HTTP) onto a local EFS root. */
class SeedHandlerS3Test {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withSecureConnection(false).build();

    @TempDir
    Path efs;

    private JsonNode invoke(SeedHandler handler, String json) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        return BundleManifest.JSON.readTree(out.toByteArray());
    }

    @Test
    void copiesAModelBundleFromS3AndVerifiesIt() throws Exception {
        S3Client s3 = S3_MOCK.createS3ClientV2();
        s3.createBucket(b -> b.bucket("deepreader-test-uploads"));
        Map<String, byte[]> files = Bundles.files(3);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            s3.putObject(b -> b.bucket("deepreader-test-uploads").key("seed/models/ctpn/v7/" + file.getKey()),
                    RequestBody.fromBytes(file.getValue()));
        }
        s3.putObject(b -> b.bucket("deepreader-test-uploads").key("seed/models/ctpn/v7/manifest.json"),
                RequestBody.fromBytes(Bundles.manifest("v7", files)));
        SeedHandler handler = new SeedHandler(new EfsSeeder(new EfsLayout(efs)), s3);

        JsonNode result = invoke(handler, """
                {"bucket":"deepreader-test-uploads","prefix":"seed/models/ctpn/v7",
                 "target":"models/ctpn/v7","pointer":"models/ctpn/current"}""");

        assertThat(result.get("copied").asBoolean()).isTrue();
        assertThat(result.get("files").asInt()).isEqualTo(3);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(efs.resolve("models/ctpn/v7").resolve(file.getKey())).hasBinaryContent(file.getValue());
        }
        assertThat(Files.readString(efs.resolve("models/ctpn/current")).strip()).isEqualTo("v7");

        // A file missing from S3 fails the seeding and leaves nothing behind.
        s3.putObject(b -> b.bucket("deepreader-test-uploads").key("seed/models/ctpn/v8/manifest.json"),
                RequestBody.fromBytes(Bundles.manifest("v8", files)));
        assertThatThrownBy(() -> invoke(handler, """
                {"bucket":"deepreader-test-uploads","prefix":"seed/models/ctpn/v8/","target":"models/ctpn/v8"}"""))
                .isInstanceOf(java.io.FileNotFoundException.class);
        assertThat(efs.resolve("models/ctpn/v8")).doesNotExist();
    }
}
