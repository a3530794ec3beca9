package io.deepreader.ctpn;

import static org.assertj.core.api.Assertions.assertThat;

import io.deepreader.ctpn.train.SyntheticPages;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ctpn.loader.ManifestVerifier;
import io.deepreader.ctpn.loader.ModelStore;
import io.deepreader.ctpn.postprocess.LearnedCuts;
import io.deepreader.ctpn.postprocess.LineCutter;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.eval.LineMatch;
import io.deepreader.ocr.geometry.Box;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trained small CTPN shipped in {@code models/ctpn} (the repository root doubles as an EFS root) really
 * runs in TensorFlow and finds the lines of generated pages it never saw (training drew its page seeds from
 * {@code new Random(20261123)}; these use seeds 1..10 of a different stream).
 */
class ShippedModelTest {
    private static CtpnModelLoader loader;
    private static CtpnDetector detector;

    static Path repositoryRoot() {
        // Surefire runs in the module directory; the models folder sits beside it.
        return Path.of("").toAbsolutePath().getParent();
    }

    @BeforeAll
    static void load() {
        loader = new CtpnModelLoader(new ModelStore(repositoryRoot()), null, 2);
        detector = new CtpnDetector(loader.get());
    }

    @AfterAll
    static void close() {
        loader.close();
    }

    @Test
    void shippedModelIsSmallAndMatchesItsManifest() throws Exception {
        LoadedModel m = loader.get();
        Path dir = m.directory();
        assertThat(ManifestVerifier.verify(dir).files()).isNotEmpty();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.size(f)).as(f.toString()).isLessThan(20L * 1024 * 1024);
            }
        }
        assertThat(m.manifest().architecture()).isEqualTo("small");
        assertThat(m.manifest().anchors().heights()).hasSize(10).startsWith(11).endsWith(283);
        assertThat(detector.name()).isEqualTo("ctpn-small");
    }

    @Test
    void shippedModelCutsLinesWithTheTreesListedInItsManifest() {
        LoadedModel m = loader.get();
        assertThat(m.manifest().files()).anySatisfy(f -> assertThat(f.path()).isEqualTo(LearnedCuts.FILE_NAME));
        LineCutter cutter = CtpnDetector.defaultCutter(m, CtpnDetector.Settings.defaults());
        assertThat(cutter).isInstanceOf(LearnedCuts.class);
        assertThat(((LearnedCuts) cutter).threshold()).isEqualTo(0.5);
    }

    @Test
    void findsMostLinesOnUnseenGeneratedPages() {
        SyntheticPages pages = SyntheticPages.withInstalledFonts();
        LineMatch total = new LineMatch(0, 0, 0);
        for (long seed = 1; seed <= 10; seed++) {
            SyntheticPages.Page page = pages.render(seed * 7919);
            List<DetectedLine> found = detector.detect(page.image());
            // Answers are in the page's pixels and in reading order.
            for (DetectedLine l : found) {
                assertThat(l.box().right()).isLessThanOrEqualTo(page.image().width());
                assertThat(l.box().bottom()).isLessThanOrEqualTo(page.image().height());
            }
            total = total.plus(LineMatch.of(page.lines(), found.stream().map(DetectedLine::box).toList(), 0.5));
        }
        assertThat(total.truths()).isGreaterThan(200);
        // The target: 90% of the lines. small-v2 (small-v1's weights and learned line cuts) measures the same
        // as small-v1 here: the generated pages' column gaps are wide enough for either cut rule. small-v1 with the
        // default post-processing measures 0.909 recall /
        // 0.961 precision on these 514 lines (0.848 / 0.872 before ink was measured denoised on noisy pages); on a
        // machine with only the fonts scripts/install-system-deps.sh installs the pages hold 518 lines: 0.952 / 0.982.
        assertThat(total.recall()).as("recall at IoU 0.5 over %d lines", total.truths()).isGreaterThanOrEqualTo(0.90);
        assertThat(total.precision()).as("precision").isGreaterThan(0.93);
    }

    @Test
    void sameAnswerFromConcurrentThreads() throws Exception {
        SyntheticPages.Page page = SyntheticPages.withInstalledFonts().render(424242);
        List<Box> expected = detector.detect(page.image()).stream().map(DetectedLine::box).toList();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<List<Box>>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            futures.add(pool.submit((Callable<List<Box>>) () ->
                    detector.detect(page.image()).stream().map(DetectedLine::box).toList()));
        }
        for (Future<List<Box>> f : futures) {
            assertThat(f.get()).isEqualTo(expected);
        }
        pool.shutdown();
        assertThat(expected).isNotEmpty();
    }
}
