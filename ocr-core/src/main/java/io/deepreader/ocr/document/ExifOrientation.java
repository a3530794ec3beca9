package io.deepreader.ocr.document;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * A JPEG's EXIF Orientation tag (TIFF 6.0 tag 274, as phones write it) as the page's content rotation in the
 * stored pixels: how far clockwise the content is turned, in the convention of
 * {@link io.deepreader.ocr.preprocess.Preprocessor#apply(io.deepreader.ocr.image.GrayImage, int)}.
 * Only the APP1 segment is parsed (metadata-extractor's {@link ExifReader}).
 *
 * @param tag     the tag's value, 1 when absent or unreadable
 * @param degrees 0, 90, 180 or 270; 0 for the mirrored values 2, 4, 5 and 7 (front cameras), which are not
 *                turned: see {@link #mirrored()}
 */
public record ExifOrientation(int tag, int degrees) {
    public static final ExifOrientation NONE = new ExifOrientation(1, 0);

    /** Mirrored orientations are left as stored (a turn alone would still read mirrored text). */
    public boolean mirrored() {
        return tag == 2 || tag == 4 || tag == 5 || tag == 7;
    }

    public static ExifOrientation ofTag(int tag) {
        return new ExifOrientation(tag, switch (tag) {
            // 3: shown turned 180°. 6: shown turned 90° clockwise, so the stored content lies 90° counter-
            // clockwise (270° clockwise). 8: the reverse.
            case 3 -> 180;
            case 6 -> 270;
            case 8 -> 90;
            default -> 0;
        });
    }

    /** The orientation a JPEG's bytes declare; {@link #NONE} without EXIF or with EXIF that does not parse. */
    public static ExifOrientation of(byte[] jpeg) {
        try {
            Metadata metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(jpeg), List.of(new ExifReader()));
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (ifd0 == null || !ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return NONE;
            }
            int tag = ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return tag >= 1 && tag <= 8 ? ofTag(tag) : NONE;
        } catch (JpegProcessingException | IOException | MetadataException | RuntimeException e) {
            // Broken metadata is missing metadata: the pixels decide whether the document is readable.
            return NONE;
        }
    }
}
