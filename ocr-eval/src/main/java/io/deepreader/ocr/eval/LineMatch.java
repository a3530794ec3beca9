package io.deepreader.ocr.eval;

import io.deepreader.ocr.geometry.Box;
import java.util.ArrayList;
import java.util.List;

/**
 * One-to-one matching of detected to true line boxes at an IoU threshold: pairs are taken greedily by
 * descending IoU, each box used at most once (the ICDAR detection protocol's simple form).
 */
public record LineMatch(int truths, int detections, int matched) {

    public static LineMatch of(List<Box> truth, List<Box> detected, double minIou) {
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
        pairs.sort((a, b) -> Double.compare(b.iou(), a.iou()));
        boolean[] usedT = new boolean[truth.size()];
        boolean[] usedD = new boolean[detected.size()];
        int matched = 0;
        for (Pair p : pairs) {
            if (!usedT[p.t()] && !usedD[p.d()]) {
                usedT[p.t()] = true;
                usedD[p.d()] = true;
                matched++;
            }
        }
        return new LineMatch(truth.size(), detected.size(), matched);
    }

    public LineMatch plus(LineMatch other) {
        return new LineMatch(truths + other.truths, detections + other.detections, matched + other.matched);
    }

    public double recall() {
        return truths == 0 ? 1 : (double) matched / truths;
    }

    public double precision() {
        return detections == 0 ? (truths == 0 ? 1 : 0) : (double) matched / detections;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
