package io.deepreader.layer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.Tesseract;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose environment mimics Lambda with the layer at a temporary /opt
 * (LD_LIBRARY_PATH=opt/lib, TESSDATA_PREFIX=opt/tessdata): OCRs line crops with Tess4J and prints
 * the text plus every shared object the process mapped, so the test can see where each one came from.
 * Args: image path, then boxes as x,y,w,h.
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
        for (int i = 1; i < args.length; i++) {
            String[] box = args[i].split(",");
            BufferedImage crop = image.getSubimage(Integer.parseInt(box[0]), Integer.parseInt(box[1]),
                    Integer.parseInt(box[2]), Integer.parseInt(box[3]));
            lines.add(tesseract.doOCR(crop).strip());
        }
        ArrayNode maps = out.putArray("mappedLibraries");
        Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(path -> path.contains(".so"))
                .distinct()
                .forEach(maps::add);
        System.out.println(json.writeValueAsString(out));
    }
}
