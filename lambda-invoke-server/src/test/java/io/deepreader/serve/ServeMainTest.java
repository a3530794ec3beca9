package io.deepreader.serve;

import org.junit.jupiter.api.Test;

import java.time.Duration;

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
}
