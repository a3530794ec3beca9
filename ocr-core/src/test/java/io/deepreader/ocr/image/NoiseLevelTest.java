package io.deepreader.ocr.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseLevelTest {
    @Test
    void estimatesTheSigmaOfAddedGaussianNoise() {
        Random rnd = new Random(7);
        for (double sigma : new double[] {4, 10}) {
            byte[] px = new byte[400 * 300];
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) Math.max(0, Math.min(255, (int) Math.round(180 + rnd.nextGaussian() * sigma)));
            }
            assertThat(NoiseLevel.sigma(new GrayImage(400, 300, px))).isCloseTo(sigma, within(0.1 * sigma));
        }
    }

    @Test
    void cleanPagesAndSmoothGradientsAreQuiet() {
        byte[] flat = new byte[200 * 100];
        Arrays.fill(flat, (byte) 240);
        assertThat(NoiseLevel.sigma(new GrayImage(200, 100, flat))).isZero();
        byte[] ramp = new byte[200 * 100];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (byte) (i % 200);
        }
        assertThat(NoiseLevel.sigma(new GrayImage(200, 100, ramp))).isLessThan(0.01);
        assertThat(NoiseLevel.sigma(new GrayImage(2, 2, new byte[4]))).isZero();
    }
}
