package io.deepreader.ocr.eval;

import io.deepreader.ocr.detection.DetectedLine;
import io.deepreader.ocr.detection.MorphologyLineDetector;
import io.deepreader.ocr.detection.TextLineDetector;
import io.deepreader.ocr.image.GrayImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Developer command: line detection P/R/F1 of the OpenCV detector on a range of SROIE receipts. */
public final class DetectionEval {
    private DetectionEval() {
    }

    public static void main(String[] args) throws Exception {
        Path sroie = Path.of(args[0]);
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        TextLineDetector detector = new MorphologyLineDetector();
        LineMatch total = new LineMatch(0, 0, 0);
        for (SroieReceipt r : SroieReceipt.loadRange(sroie, from, to)) {
            GrayImage page = GrayImage.from(ImageIO.read(r.image().toFile()));
            List<DetectedLine> found = detector.detect(page);
            LineMatch m = LineMatch.of(r.boxes(), found.stream().map(DetectedLine::box).toList(), 0.5);
            total = total.plus(m);
            if (args.length > 3) {
                System.out.printf("%s %dx%d P=%.3f R=%.3f%n", r.id(), page.width(), page.height(), m.precision(), m.recall());
            }
        }
        System.out.printf("receipts %d-%d: truths=%d detections=%d P=%.3f R=%.3f F1=%.3f%n",
                from, to - 1, total.truths(), total.detections(), total.precision(), total.recall(), total.f1());
    }
}
