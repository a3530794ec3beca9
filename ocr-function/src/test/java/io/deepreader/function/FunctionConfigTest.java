package io.deepreader.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {

    @Test
    void orientationDetectionIsOffUnlessTurnedOn() {
        assertThat(FunctionConfig.fromEnv(Map.of()).detectOrientation()).isFalse();
        assertThat(FunctionConfig.fromEnv(Map.of("DETECT_ORIENTATION", "")).detectOrientation()).isFalse();
        assertThat(FunctionConfig.fromEnv(Map.of("DETECT_ORIENTATION", "TRUE")).detectOrientation()).isTrue();
        assertThat(FunctionConfig.fromEnv(Map.of("DETECT_ORIENTATION", "false")).detectOrientation()).isFalse();
        assertThat(FunctionConfig.fromEnv(Map.of("DETECT_ORIENTATION", " 0 ")).detectOrientation()).isFalse();
    }

    @Test
    void partialPagesAreKeptADayUnlessConfigured() {
        assertThat(FunctionConfig.fromEnv(Map.of()).partialRetention()).isEqualTo(java.time.Duration.ofHours(24));
        assertThat(FunctionConfig.fromEnv(Map.of("PARTIAL_RETENTION_HOURS", "72")).partialRetention())
                .isEqualTo(java.time.Duration.ofHours(72));
        assertThatThrownBy(() -> FunctionConfig.fromEnv(Map.of("PARTIAL_RETENTION_HOURS", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PARTIAL_RETENTION_HOURS");
        assertThatThrownBy(() -> FunctionConfig.fromEnv(Map.of("PARTIAL_RETENTION_HOURS", "1.5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PARTIAL_RETENTION_HOURS");
    }

    @Test
    void aMistypedSwitchFailsTheColdStartInsteadOfGuessing() {
        assertThatThrownBy(() -> FunctionConfig.fromEnv(Map.of("DETECT_ORIENTATION", "flase")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DETECT_ORIENTATION");
    }
}
