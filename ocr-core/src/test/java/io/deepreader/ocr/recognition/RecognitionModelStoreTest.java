package io.deepreader.ocr.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.image.GrayImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line model shipped in the repository's {@code models/tessdata} (the repository root has an EFS root's
 * layout), seeded into a temporary EFS root the way {@code make seed} does: picked up and verified, a
 * damaged copy refused with a typed error, no {@code current} falling back to the layer's eng.
 */
class RecognitionModelStoreTest {
    private static final Path SHIPPED = Path.of("").toAbsolutePath().getParent().resolve("models/tessdata");

    @TempDir
    Path efs;
    private TesseractConfig layer;
    private String version;
    private Path versionDir;

    @BeforeEach
    void seedTheShippedModel() throws IOException {
        layer = TesseractConfig.english(System.getenv("TESSDATA_PREFIX"));
        version = Files.readString(SHIPPED.resolve("current"), StandardCharsets.UTF_8).strip();
        versionDir = efs.resolve("models/tessdata").resolve(version);
        Files.createDirectories(versionDir);
        try (Stream<Path> files = Files.list(SHIPPED.resolve(version))) {
            for (Path f : files.toList()) {
                Files.copy(f, versionDir.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(efs.resolve("models/tessdata/current"), version + "\n");
    }

    @Test
    void theSeededModelIsVerifiedAndReadsLines() {
        RecognitionModelStore store = new RecognitionModelStore(new EfsLayout(efs));
        RecognitionModel model = store.current().orElseThrow();
        assertThat(model.version()).isEqualTo(version);
        assertThat(model.manifest().files()).extracting(RecognitionModelManifest.FileEntry::path)
                .contains(model.language() + ".traineddata");

        TesseractConfig config = store.select(layer);
        assertThat(config.tessdata()).isEqualTo(versionDir);
        assertThat(config.language()).isEqualTo(model.language());
        // Orientation detection still reads osd.traineddata from the layer's folder.
        assertThat(config.osdTessdata()).isEqualTo(layer.tessdata());
        assertThat(config.variables()).isEqualTo(layer.variables());
        assertThat(config.smoothing()).isEqualTo(layer.smoothing());

        GrayImage page = line("TOTAL RM 42.50");
        try (TesseractEngine engine = new TesseractEngine(config)) {
            assertThat(engine.recognizeLines(page, List.of(new Box(10, 10, 480, 50))).get(0).text())
                    .isEqualTo("TOTAL RM 42.50");
        }
    }

    @Test
    void enginesLoadTheFileFromTheModelsFolderNotTheLayers() throws IOException {
        TesseractConfig config = new RecognitionModelStore(new EfsLayout(efs)).select(layer);
        Files.delete(versionDir.resolve(config.language() + ".traineddata"));
        // The layer's folder still has eng.traineddata: init failing shows Tesseract was pointed at the EFS copy.
        assertThatThrownBy(() -> new TesseractEngine(config).close()).isInstanceOf(RecognitionException.class)
                .hasMessageContaining(versionDir.toString());
    }

    @Test
    void aFlippedByteIsRefusedNamingTheFile() throws IOException {
        Path traineddata = traineddata();
        try (RandomAccessFile f = new RandomAccessFile(traineddata.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x01);
        }
        RecognitionModelStore store = new RecognitionModelStore(new EfsLayout(efs));
        assertThatThrownBy(() -> store.select(layer)).isInstanceOf(RecognitionModelIntegrityException.class)
                .hasMessageContaining("SHA-256 mismatch")
                .satisfies(e -> assertThat(((RecognitionModelIntegrityException) e).file()).isEqualTo(traineddata));
    }

    @Test
    void aTruncatedCopyIsRefusedBeforeHashing() throws IOException {
        Path traineddata = traineddata();
        byte[] bytes = Files.readAllBytes(traineddata);
        Files.write(traineddata, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> new RecognitionModelStore(new EfsLayout(efs)).current())
                .isInstanceOf(RecognitionModelIntegrityException.class)
                .hasMessageContaining("bytes, manifest says " + bytes.length);
    }

    @Test
    void currentNamingAMissingVersionIsRefused() throws IOException {
        Files.writeString(efs.resolve("models/tessdata/current"), "not-installed\n");
        assertThatThrownBy(() -> new RecognitionModelStore(new EfsLayout(efs)).select(layer))
                .isInstanceOf(RecognitionModelIntegrityException.class).hasMessageContaining("not-installed");
    }

    @Test
    void withoutCurrentTheLayersEnglishIsUsed() throws IOException {
        Files.delete(efs.resolve("models/tessdata/current"));
        assertThat(new RecognitionModelStore(new EfsLayout(efs)).select(layer)).isSameAs(layer);
    }

    private Path traineddata() throws IOException {
        RecognitionModelManifest m = RecognitionModelManifest.read(versionDir.resolve("manifest.json"));
        return versionDir.resolve(m.traineddataFile());
    }

    private static GrayImage line(String text) {
        BufferedImage img = new BufferedImage(500, 70, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 30));
        g.drawString(text, 20, 45);
        g.dispose();
        return GrayImage.from(img);
    }
}
