package io.deepreader.ocr.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {
    @Test
    void tagsMapToTheClockwiseTurnOfTheStoredContent() {
        assertThat(ExifOrientation.ofTag(1).degrees()).isZero();
        assertThat(ExifOrientation.ofTag(3).degrees()).isEqualTo(180);
        assertThat(ExifOrientation.ofTag(6).degrees()).isEqualTo(270);
        assertThat(ExifOrientation.ofTag(8).degrees()).isEqualTo(90);
        // Mirrored: flip left to right, then this turn (2: none; 4: 180, a top-to-bottom flip; 5 and 7: 8's and 6's).
        int[][] mirroredTurns = {{2, 0}, {4, 180}, {5, 90}, {7, 270}};
        for (int[] tagAndTurn : mirroredTurns) {
            assertThat(ExifOrientation.ofTag(tagAndTurn[0]).degrees()).isEqualTo(tagAndTurn[1]);
            assertThat(ExifOrientation.ofTag(tagAndTurn[0]).mirrored()).isTrue();
        }
    }

    @Test
    void aJpegWithoutExifOrWithBrokenExifHasNone() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "jpeg", out);
        byte[] plain = out.toByteArray();
        assertThat(ExifOrientation.of(plain)).isEqualTo(ExifOrientation.NONE);
        // An APP1 "Exif" segment whose TIFF header is garbage.
        byte[] broken = new byte[plain.length + 16];
        System.arraycopy(plain, 0, broken, 0, 2);
        byte[] app1 = {(byte) 0xFF, (byte) 0xE1, 0, 14, 'E', 'x', 'i', 'f', 0, 0, 'X', 'X', 1, 2, 3, 4};
        System.arraycopy(app1, 0, broken, 2, app1.length);
        System.arraycopy(plain, 2, broken, 2 + app1.length, plain.length - 2);
        assertThat(ExifOrientation.of(broken)).isEqualTo(ExifOrientation.NONE);
        assertThat(ExifOrientation.of(new byte[] {1, 2, 3})).isEqualTo(ExifOrientation.NONE);
    }
}
