package io.deepreader.efs.seed;

import io.deepreader.ocr.efs.EfsLayout;
import io.deepreader.ocr.efs.InvalidIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EfsSeederTest {
    @TempDir
    Path work;

    private Path efs() throws Exception {
        return Files.createDirectories(work.resolve("efs"));
    }

    @Test
    void installsAVerifiedBundleAndPointsCurrentAtIt() throws Exception {
        Map<String, byte[]> files = Bundles.files(1);
        Path bundle = Bundles.write(work.resolve("bundle"), "v3", files);
        Path efs = efs();

        SeedResult result = new EfsSeeder(new EfsLayout(efs))
                .seed(new DirectorySource(bundle), "models/ctpn/v3", "models/ctpn/current");

        assertThat(result.copied()).isTrue();
        assertThat(result.files()).isEqualTo(3);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            assertThat(efs.resolve("models/ctpn/v3").resolve(file.getKey())).hasBinaryContent(file.getValue());
        }
        assertThat(efs.resolve("models/ctpn/v3/manifest.json")).hasSameBinaryContentAs(bundle.resolve("manifest.json"));
        assertThat(Files.readString(efs.resolve("models/ctpn/current")).strip()).isEqualTo("v3");
        assertThat(Bundles.listTree(efs)).allMatch(p -> !p.toString().contains(".staging"));
    }

    @Test
    void seedingTheSameBundleAgainDoesNothing() throws Exception {
        Path bundle = Bundles.write(work.resolve("bundle"), "v3", Bundles.files(1));
        EfsSeeder seeder = new EfsSeeder(new EfsLayout(efs()));
        seeder.seed(new DirectorySource(bundle), "models/ctpn/v3", null);

        SeedResult again = seeder.seed(new DirectorySource(bundle), "models/ctpn/v3", null);

        assertThat(again.copied()).isFalse();
    }

    @Test
    void aDifferentBundleCannotReplaceAnInstalledVersion() throws Exception {
        EfsSeeder seeder = new EfsSeeder(new EfsLayout(efs()));
        seeder.seed(new DirectorySource(Bundles.write(work.resolve("a"), "v3", Bundles.files(1))), "models/ctpn/v3", null);

        assertThatThrownBy(() -> seeder.seed(new DirectorySource(Bundles.write(work.resolve("b"), "v3", Bundles.files(2))),
                "models/ctpn/v3", null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("immutable");
    }

    @Test
    void aCorruptFileInstallsNothing() throws Exception {
        Map<String, byte[]> files = Bundles.files(1);
        Path bundle = Bundles.write(work.resolve("bundle"), "v4", files);
        byte[] damaged = files.get("variables/variables.index").clone();
        damaged[damaged.length / 2] ^= 0x40;
        Files.write(bundle.resolve("variables/variables.index"), damaged);
        Path efs = efs();

        assertThatThrownBy(() -> new EfsSeeder(new EfsLayout(efs))
                .seed(new DirectorySource(bundle), "models/ctpn/v4", "models/ctpn/current"))
                .isInstanceOf(SeedIntegrityException.class).hasMessageContaining("variables/variables.index");

        assertThat(efs.resolve("models/ctpn/v4")).doesNotExist();
        assertThat(efs.resolve("models/ctpn/current")).doesNotExist();
        assertThat(Bundles.listTree(efs)).isEmpty();
    }

    @Test
    void manifestPathsAndTargetsCannotLeaveTheRoot() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>(Bundles.files(1));
        files.put("../../escape.bin", new byte[] {1, 2, 3});
        Path bundle = work.resolve("evil");
        Files.createDirectories(bundle);
        Files.write(bundle.resolve("manifest.json"), Bundles.manifest("v5", files));
        EfsSeeder seeder = new EfsSeeder(new EfsLayout(efs()));

        assertThatThrownBy(() -> seeder.seed(new DirectorySource(bundle), "models/ctpn/v5", null))
                .isInstanceOf(InvalidIdException.class);
        Path good = Bundles.write(work.resolve("good"), "v5", Bundles.files(1));
        assertThatThrownBy(() -> seeder.seed(new DirectorySource(good), "../outside", null))
                .isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> seeder.seed(new DirectorySource(good), "models/ctpn/v5", "/etc/passwd"))
                .isInstanceOf(InvalidIdException.class);
        assertThat(work.resolve("escape.bin")).doesNotExist();
    }

    @Test
    void seedCommandFillsALocalEfsRoot() throws Exception {
        Path bundle = Bundles.write(work.resolve("bundle"), "v3", Bundles.files(7));
        Path efs = efs();

        SeedMain.run(new String[] {"--efs-root", efs.toString(), "--from-dir", bundle.toString(),
                "--target", "models/ctpn/v3", "--pointer", "models/ctpn/current"});

        assertThat(Bundles.listTree(efs.resolve("models/ctpn/v3")))
                .containsExactlyElementsOf(Bundles.listTree(bundle));
        assertThat(Files.readString(efs.resolve("models/ctpn/current")).strip()).isEqualTo("v3");
    }
}
