package io.deepreader.ctpn.cli;

import io.deepreader.ctpn.CtpnDetector;
import io.deepreader.ctpn.loader.CtpnModelLoader;
import io.deepreader.ctpn.loader.LoadedModel;
import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.image.GrayImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "detect", description = "Run a CTPN model directory on images; print boxes, optionally draw them.")
final class DetectCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "A model version directory (SavedModel + manifest).") Path model;
    @Option(names = "--overlay-dir", description = "Write <name>.ctpn.png with the boxes drawn.") Path overlayDir;
    @Parameters(arity = "1..*") List<Path> images;

    @Override
    public Integer call() throws Exception {
        try (LoadedModel m = CtpnModelLoader.load(model, model.getFileName().toString(), 0)) {
            CtpnDetector detector = new CtpnDetector(m);
            for (Path image : images) {
                BufferedImage img = ImageIO.read(image.toFile());
                GrayImage gray = GrayImage.from(img);
                long t0 = System.nanoTime();
                List<DetectedLine> lines = detector.detect(gray);
                System.out.printf("%s: %d lines in %d ms%n", image, lines.size(), (System.nanoTime() - t0) / 1_000_000);
                for (DetectedLine l : lines) {
                    System.out.printf("  %s %.3f%n", l.box(), l.score());
                }
                if (overlayDir != null) {
                    BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = rgb.createGraphics();
                    g.drawImage(gray.toBufferedImage(), 0, 0, null);
                    g.setColor(Color.RED);
                    g.setStroke(new BasicStroke(Math.max(1, img.getWidth() / 500f)));
                    for (DetectedLine l : lines) {
                        g.drawRect(l.box().x(), l.box().y(), l.box().width(), l.box().height());
                    }
                    g.dispose();
                    ImageIO.write(rgb, "png", overlayDir.resolve(image.getFileName() + ".ctpn.png").toFile());
                }
            }
        }
        return 0;
    }
}
