package io.deepreader.reliability;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/** An 8-bit DeviceGray image XObject of a document, its data still to be written raw in {@code filter}'s encoding. */
final class GrayImageXObject {
    private GrayImageXObject() {
    }

    static COSStream create(PDDocument doc, int width, int height, COSName filter) {
        COSStream image = doc.getDocument().createCOSStream();
        image.setItem(COSName.TYPE, COSName.XOBJECT);
        image.setItem(COSName.SUBTYPE, COSName.IMAGE);
        image.setInt(COSName.WIDTH, width);
        image.setInt(COSName.HEIGHT, height);
        image.setInt(COSName.BITS_PER_COMPONENT, 8);
        image.setItem(COSName.COLORSPACE, COSName.DEVICEGRAY);
        image.setItem(COSName.FILTER, filter);
        return image;
    }
}
