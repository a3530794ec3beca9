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
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

/**
 * A JPEG's EXIF Orientation tag (TIFF 6.0 tag 274, as phones write it), or a TIFF page's own, as the page's content rotation in the
 * stored pixels: how far clockwise the content is turned, in the convention of
 * {@link io.deepreader.ocr.preprocess.Preprocessor#apply(io.deepreader.ocr.image.GrayImage, int)}.
 * Only the APP1 segment is parsed (metadata-extractor's {@link ExifReader}).
 *
 * The mirrored values (front cameras) are a left-to-right flip of the stored pixels followed by that turn:
 * 2 flip; 4 flip, then 180° (a top-to-bottom flip); 5 flip, then the turn of 8 (a transpose); 7 flip, then the turn
 * of 6 (EXIF 2.3, table of tag 274: "mirror horizontal and rotate 270 CW" for 5, "... 90 CW" for 7).
 *
 * @param tag     the tag's value, 1 when absent or unreadable
 * @param degrees 0, 90, 180 or 270: the turn, after the flip when {@link #mirrored()}
 */
public record ExifOrientation(int tag, int degrees) {
    public static final ExifOrientation NONE = new ExifOrientation(1, 0);

    /** The stored pixels are flipped left to right before the turn by {@code degrees}. */
    public boolean mirrored() {
        return tag == 2 || tag == 4 || tag == 5 || tag == 7;
    }

    public static ExifOrientation ofTag(int tag) {
        return new ExifOrientation(tag, switch (tag) {
            // 3: shown turned 180°. 6: shown turned 90° clockwise, so the stored content lies 90° counter-
            // clockwise (270° clockwise). 8: the reverse.
            case 3, 4 -> 180;
            case 6, 7 -> 270;
            case 8, 5 -> 90;
            default -> 0;
        });
    }

    /**
     * A TIFF page's own Orientation (tag 274: each page, each IFD, has its own; same values as EXIF's, which took them
     * from TIFF 6.0) from the JDK TIFF reader's metadata of that page, read with metadata on; {@link #NONE} when the
     * tag is absent, out of range, or the metadata is in another plug-in's format.
     */
    public static ExifOrientation ofTiffPage(IIOMetadata page) {
        try {
            TIFFField field = TIFFDirectory.createFromMetadata(page).getTIFFField(BaselineTIFFTagSet.TAG_ORIENTATION);
            if (field == null || field.getCount() < 1) {
                return NONE;
            }
            int tag = field.getAsInt(0);
            return tag >= 1 && tag <= 8 ? ofTag(tag) : NONE;
        } catch (IIOInvalidTreeException | RuntimeException e) {
            return NONE;
        }
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
