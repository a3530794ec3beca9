package io.deepreader.ocr.efs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EfsLayoutTest {
    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/b", "/etc", "", ".hidden", "a..b", "x\u0000y", "é", "a b"})
    void rejectsIdsThatCouldEscapeOrHide(String id) {
        EfsLayout layout = new EfsLayout(root);
        assertThatThrownBy(() -> layout.documentDir("batch", id)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> layout.documentDir(id, "doc")).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void acceptsOrdinaryIds() {
        EfsLayout layout = new EfsLayout(root);
        assertThat(layout.ocrJson("2026-11_batch", "inv-001.pdf", 3))
                .isEqualTo(root.resolve("jobs/2026-11_batch/inv-001.pdf/page-0003.ocr.json"));
    }

    @Test
    void stagingFoldersNameTheirDocumentWithTheWholeUuid() {
        String uuid = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
        assertThat(EfsLayout.stagedDocId("inv.pdf." + uuid)).contains("inv.pdf");
        assertThat(EfsLayout.stagedDocId("inv." + uuid + ".replaced")).contains("inv");
        assertThat(EfsLayout.isAttemptFolder("inv." + uuid)).isTrue();
        assertThat(EfsLayout.isAttemptFolder("inv." + uuid + ".replaced")).isFalse();
        assertThat(EfsLayout.stagedDocId("inv.pdf")).isEmpty();
        assertThat(EfsLayout.stagedDocId(".hidden." + uuid)).isEmpty();
        assertThat(new EfsLayout(root).stagingDir("b", "inv.pdf").getFileName().toString()).satisfies(name ->
                assertThat(EfsLayout.stagedDocId(name)).contains("inv.pdf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../outside", "inbox/../../outside", "inbox/../..", " "})
    void relativePathsStayUnderTheRoot(String path) {
        assertThatThrownBy(() -> new EfsLayout(root).resolveRelative(path)).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void resolvesInboxPaths() {
        assertThat(new EfsLayout(root).resolveRelative("inbox/b1/a.pdf")).isEqualTo(root.resolve("inbox/b1/a.pdf"));
    }

    @Test
    void atomicWriteReplacesWholeFileAndLeavesNoTemp() throws Exception {
        Path target = root.resolve("d/out.json");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertThat(target).hasContent("second");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("out.json");
        }
    }

    @Test
    void failedWriteKeepsTheOldContent() throws Exception {
        Path target = root.resolve("out.txt");
        AtomicFiles.writeString(target, "complete");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new java.io.IOException("disk full");
        })).hasMessageContaining("disk full");
        assertThat(target).hasContent("complete");
        try (var files = Files.list(root)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }
}
