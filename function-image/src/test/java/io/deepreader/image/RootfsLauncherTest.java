package io.deepreader.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the launcher reads an unpacked image and what it would run; no mounts (ImageRootfsTest runs it). */
class RootfsLauncherTest {
    @TempDir
    Path dir;

    private RootfsLauncher launcher() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.createDirectories(bundle.resolve("rootfs"));
        Files.writeString(bundle.resolve("config.json"), """
                {"ociVersion": "1.0.0", "process": {
                  "args": ["/var/runtime/lambda-entrypoint.sh", "io.deepreader.function.OcrHandler::handleRequest"],
                  "env": ["PATH=/usr/bin:/bin", "TF_FRAMEWORK_DIR=/opt/tensorflow-1.1.0", "OMP_THREAD_LIMIT=1",
                          "LAMBDA_TASK_ROOT=/var/task", "EQUALS=a=b"],
                  "cwd": "/var/task"}}
                """);
        return new RootfsLauncher(bundle, Files.createDirectories(dir.resolve("efs")), RootfsLauncher.LAMBDA_USER);
    }

    @Test
    void functionVariablesOverrideTheImagesWithHostPathsTranslated() throws Exception {
        RootfsLauncher launcher = launcher();
        RootfsLauncher.ImageProcess image = launcher.imageProcess();

        Map<String, String> env = launcher.containerEnvironment(image, Map.of(
                "EFS_ROOT", dir.resolve("efs").toString(),
                "LAMBDA_TASK_ROOT", "/tmp/lambda-task-ocr-123",
                "PATH", "/root/.pyenv/shims:/usr/bin",
                "OMP_THREAD_LIMIT", "2",
                "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:4321"));

        assertThat(env).containsEntry("EFS_ROOT", "/mnt/efs")
                .containsEntry("LAMBDA_TASK_ROOT", "/var/task")
                .containsEntry("LAMBDA_RUNTIME_DIR", "/var/runtime")
                .containsEntry("PATH", "/usr/bin:/bin")
                .containsEntry("OMP_THREAD_LIMIT", "2")
                .containsEntry("TF_FRAMEWORK_DIR", "/opt/tensorflow-1.1.0")
                .containsEntry("EQUALS", "a=b")
                .containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:4321");
        // An EFS_ROOT that is not the mounted directory is passed as it is (the function then reports it missing).
        assertThat(launcher.containerEnvironment(image, Map.of("EFS_ROOT", "/elsewhere"))).containsEntry("EFS_ROOT", "/elsewhere");
    }

    @Test
    void commandIsTheImagesEntrypointInsideAMountNamespaceWithTheHandlerAsCmd() throws Exception {
        RootfsLauncher launcher = launcher();

        List<String> command = launcher.command(launcher.imageProcess(), Map.of("_HANDLER", "other.Handler::handle"));

        assertThat(command.subList(0, 3)).containsExactly("unshare", "--mount", "--");
        assertThat(command.get(5)).contains("mount -o remount,bind,ro", "exec chroot --userspec=");
        assertThat(command.subList(7, command.size())).containsExactly(dir.resolve("bundle/rootfs").toString(),
                dir.resolve("efs").toString(), "993:990", "/var/runtime/lambda-entrypoint.sh", "other.Handler::handle");
    }

    @Test
    void rejectsWhatIsNotAnUnpackedImageAndNonNumericUsers() throws Exception {
        RootfsLauncher notABundle = new RootfsLauncher(dir, dir, "0:0");
        assertThatThrownBy(notABundle::imageProcess).isInstanceOf(IOException.class).hasMessageContaining("umoci unpack");
        assertThatThrownBy(() -> new RootfsLauncher(dir, dir, "sbx_user1051")).isInstanceOf(IllegalArgumentException.class);
    }
}
