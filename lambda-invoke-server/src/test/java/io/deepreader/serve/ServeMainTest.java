package io.deepreader.serve;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServeMainTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void parsesFunctionsWithOptions() {
        ServerConfig config = ServeMain.parse(new String[] {
                "--port", "0",
                "--function", "ocr=io.deepreader.serve.EchoHandler::handleRequest,timeout=120,memory=4096,concurrency=3",
                "--function", "fail=io.deepreader.serve.FailingHandler"}, loader);

        assertThat(config.bind().isLoopbackAddress()).isTrue();
        assertThat(config.functions()).hasSize(2);
        ServedFunction ocr = config.functions().get(0);
        assertThat(ocr.name()).isEqualTo("ocr");
        assertThat(ocr.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(ocr.memoryMb()).isEqualTo(4096);
        assertThat(ocr.reservedConcurrency()).isEqualTo(3);
        assertThat(ocr.handlerFactory().get()).isInstanceOf(EchoHandler.class);
    }

    @Test
    void rejectsHandlersThatAreNotRequestStreamHandlers() {
        assertThatThrownBy(() -> ServeMain.parse(new String[] {"--function", "x=java.lang.String"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not implement");
        assertThatThrownBy(() -> ServeMain.parse(new String[] {"--function", "x=no.such.Handler"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> ServeMain.parse(new String[] {"--function", "bad name=" + EchoHandler.class.getName()},
                loader)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid function name");
        assertThatThrownBy(() -> ServeMain.parse(new String[] {
                "--function", "x=" + EchoHandler.class.getName() + ",timeout=901"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("900");
        assertThatThrownBy(() -> ServeMain.parse(new String[0], loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }

    @Test
    void parsesProcessModeFunctionsAndTheirEnvironment() {
        ServerConfig config = ServeMain.parse(new String[] {
                "--runtime-dir", "target/runtime",
                "--function", "probe=io.deepreader.serve.probe.ProbeHandler::handleRequest,mode=process,"
                        + "artifact=target/test-classes,memory=512,timeout=30,concurrency=2,idle=5,init=20",
                "--env", "probe:PROBE_SETTING=a=b",
                "--env", "probe:DETECTOR=opencv"}, loader);

        ServedFunction probe = config.functions().get(0);
        assertThat(probe.handlerFactory()).as("the handler runs in the child, not here").isNull();
        assertThat(probe.process().handler()).isEqualTo("io.deepreader.serve.probe.ProbeHandler::handleRequest");
        assertThat(probe.process().artifacts()).containsExactly(Path.of("target/test-classes"));
        assertThat(probe.process().environment()).containsExactlyInAnyOrderEntriesOf(
                Map.of("PROBE_SETTING", "a=b", "DETECTOR", "opencv"));
        assertThat(probe.process().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(probe.process().initTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(probe.process().launcher()).isInstanceOf(JvmLauncher.class);
        assertThat(probe.memoryMb()).isEqualTo(512);
        assertThat(probe.reservedConcurrency()).isEqualTo(2);
    }

    @Test
    void rejectsBadProcessModeOptions() {
        assertThatThrownBy(() -> ServeMain.parse(new String[] {"--function", "x=a.B,mode=process"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("artifact=");
        assertThatThrownBy(() -> ServeMain.parse(new String[] {"--runtime-dir", "target/runtime",
                "--function", "x=a.B,mode=process,artifact=no/such.jar"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> ServeMain.parse(new String[] {"--runtime-dir", "target/nothing-here",
                "--function", "x=a.B,mode=process,artifact=target/test-classes"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runtime interface client");
        assertThatThrownBy(() -> ServeMain.parse(new String[] {"--runtime-dir", "target/runtime",
                "--function", "x=a.B,mode=process,artifact=target/test-classes", "--env", "x:_HANDLER=y"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> ServeMain.parse(new String[] {
                "--function", "x=" + EchoHandler.class.getName(), "--env", "x:A=b"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a process-mode function");
        assertThatThrownBy(() -> ServeMain.parse(new String[] {
                "--function", "x=" + EchoHandler.class.getName() + ",mode=container"}, loader))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode must be");
    }
}
