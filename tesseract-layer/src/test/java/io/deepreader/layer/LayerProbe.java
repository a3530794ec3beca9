package io.deepreader.layer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.ptr.PointerByReference;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI;
import net.sourceforge.tess4j.Tesseract;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose environment mimics Lambda with the layer at a temporary /opt
 * (LD_LIBRARY_PATH=opt/lib, TESSDATA_PREFIX=opt/tessdata): OCRs line crops with Tess4J and prints
 * the text plus every shared object the process mapped, so the test can see where each one came from.
 * Args: image path, then boxes as x,y,w,h (another image path switches the image for the boxes after it);
 * prints {@code ocrMillis}, the wall time of the line recognitions after the first (engine init excluded). With {@code -Dosd.image=PATH} it also runs orientation detection
 * (osd.traineddata from the layer) on that image, the way the OCR function's engines do.
 */
public final class LayerProbe {

    private LayerProbe() {
    }

    public static void main(String[] args) throws Exception {
        BufferedImage image = ImageIO.read(new File(args[0]));
        Tesseract tesseract = new Tesseract();
        tesseract.setDatapath(System.getenv("TESSDATA_PREFIX"));
        tesseract.setLanguage("eng");
        tesseract.setPageSegMode(ITessAPI.TessPageSegMode.PSM_SINGLE_LINE);
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        ArrayNode lines = out.putArray("lines");
        long start = 0;
        for (int i = 1; i < args.length; i++) {
            if (!args[i].matches("\\d+,\\d+,\\d+,\\d+")) {
                image = ImageIO.read(new File(args[i]));
                continue;
            }
            String[] box = args[i].split(",");
            BufferedImage crop = image.getSubimage(Integer.parseInt(box[0]), Integer.parseInt(box[1]),
                    Integer.parseInt(box[2]), Integer.parseInt(box[3]));
            lines.add(tesseract.doOCR(crop).strip());
            if (start == 0) {
                start = System.nanoTime();
            }
        }
        out.put("ocrMillis", (System.nanoTime() - start) / 1e6);
        String osdImage = System.getProperty("osd.image");
        if (osdImage != null) {
            out.set("osd", detectOrientation(json, ImageIO.read(new File(osdImage))));
        }
        ArrayNode maps = out.putArray("mappedLibraries");
        Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(path -> path.contains(".so"))
                .distinct()
                .forEach(maps::add);
        System.out.println(json.writeValueAsString(out));
    }

    /** TessAPI (JNA interface mapping), not TessAPI1: the function's own choice for Debian's libtesseract 5.3. */
    private static ObjectNode detectOrientation(ObjectMapper json, BufferedImage image) {
        BufferedImage gray = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(image, 0, 0, null);
        byte[] pixels = new byte[image.getWidth() * image.getHeight()];
        gray.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), pixels);
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length);
        buffer.put(pixels).flip();
        TessAPI api = TessAPI.INSTANCE;
        ITessAPI.TessBaseAPI handle = api.TessBaseAPICreate();
        ObjectNode osd = json.createObjectNode();
        try {
            int rc = api.TessBaseAPIInit2(handle, System.getenv("TESSDATA_PREFIX"), "osd", 0);
            osd.put("initRc", rc);
            if (rc == 0) {
                api.TessBaseAPISetPageSegMode(handle, ITessAPI.TessPageSegMode.PSM_OSD_ONLY);
                api.TessBaseAPISetImage(handle, buffer, image.getWidth(), image.getHeight(), 1, image.getWidth());
                IntBuffer degrees = IntBuffer.allocate(1);
                FloatBuffer confidence = FloatBuffer.allocate(1);
                int ok = api.TessBaseAPIDetectOrientationScript(handle, degrees, confidence, new PointerByReference(),
                        FloatBuffer.allocate(1));
                osd.put("detected", ok != 0);
                osd.put("degrees", degrees.get(0));
                osd.put("confidence", confidence.get(0));
            }
        } finally {
            api.TessBaseAPIEnd(handle);
            api.TessBaseAPIDelete(handle);
        }
        return osd;
    }
}
