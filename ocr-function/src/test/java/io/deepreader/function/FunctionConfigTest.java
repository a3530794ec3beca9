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
    void aMistypedSwitchFailsTheColdStartInsteadOfGuessing() {
        assertThatThrownBy(() -> FunctionConfig.fromEnv(Map.of("DETECT_ORIENTATION", "flase")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DETECT_ORIENTATION");
    }
}
