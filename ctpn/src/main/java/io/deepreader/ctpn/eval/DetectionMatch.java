package io.deepreader.ctpn.eval;

import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One-to-one matching of detected boxes to truth boxes at an IoU threshold (greedy by IoU, best first). */
public record DetectionMatch(int truePositives, int truths, int detections) {

    public static DetectionMatch of(List<Box> truth, List<Box> detected, double minIou) {
        record Pair(int t, int d, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int t = 0; t < truth.size(); t++) {
            for (int d = 0; d < detected.size(); d++) {
                double iou = truth.get(t).iou(detected.get(d));
                if (iou >= minIou) {
                    pairs.add(new Pair(t, d, iou));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::iou).reversed());
        boolean[] usedT = new boolean[truth.size()];
        boolean[] usedD = new boolean[detected.size()];
        int tp = 0;
        for (Pair p : pairs) {
            if (!usedT[p.t()] && !usedD[p.d()]) {
                usedT[p.t()] = true;
                usedD[p.d()] = true;
                tp++;
            }
        }
        return new DetectionMatch(tp, truth.size(), detected.size());
    }

    public DetectionMatch plus(DetectionMatch o) {
        return new DetectionMatch(truePositives + o.truePositives, truths + o.truths, detections + o.detections);
    }

    public double precision() {
        return detections == 0 ? 0 : (double) truePositives / detections;
    }

    public double recall() {
        return truths == 0 ? 0 : (double) truePositives / truths;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
