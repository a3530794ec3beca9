package io.deepreader.ctpn.train;

import io.deepreader.ctpn.Anchors;
import io.deepreader.ocr.geometry.Box;
import java.util.List;

/**
 * Turns ground-truth line boxes into CTPN training targets (paper section 3.1/3.4): each line is cut into
 * 16-px strips on the feature grid; in a column the anchor with the best vertical IoU against a strip,
 * and any above 0.7, is positive with regression targets {@code dy = (cy - cya)/ha}, {@code dh = log(h/ha)};
 * anchors below 0.5 against every strip are negative; the rest are ignored. Columns only partly covered at
 * a line's ends are ignored rather than called negative. Weights balance positives and negatives so each
 * side contributes half of the classification loss.
 */
public final class TargetEncoder {
    private static final double POSITIVE_IOU = 0.7;
    private static final double NEGATIVE_IOU = 0.5;

    private final Anchors anchors;

    public TargetEncoder(Anchors anchors) {
        this.anchors = anchors;
    }

    /** Flat NHWC arrays of shape {@code [rows, cols, k]}. */
    public record Targets(int rows, int cols, int k, float[] cls, float[] clsWeight, float[] dy, float[] dh,
                          float[] regWeight, int positives, int negatives) {
    }

    public Targets encode(int width, int height, List<Box> lines) {
        int s = anchors.stride();
        int rows = (height + s - 1) / s;
        int cols = (width + s - 1) / s;
        int k = anchors.count();
        int n = rows * cols * k;
        float[] cls = new float[n];
        float[] clsWeight = new float[n];
        float[] dy = new float[n];
        float[] dh = new float[n];
        float[] regWeight = new float[n];
        float[] bestIou = new float[n];
        byte[] state = new byte[n]; // 0 negative, 1 positive, 2 ignore
        for (Box line : lines) {
            if (line.height() < 4 || line.width() < 4) {
                continue;
            }
            int c0 = Math.max(0, line.x() / s);
            int c1 = Math.min(cols - 1, (line.right() - 1) / s);
            for (int c = c0; c <= c1; c++) {
                double cellLeft = (double) c * s;
                double overlap = Math.min(line.right(), cellLeft + s) - Math.max(line.x(), cellLeft);
                if (overlap < s * 0.5) {
                    markIgnored(state, rows, cols, k, c, line);
                    continue;
                }
                assignStrip(c, line.y(), line.bottom(), rows, cols, k, cls, dy, dh, bestIou, state);
            }
        }
        int positives = 0;
        int negatives = 0;
        for (int i = 0; i < n; i++) {
            if (state[i] == 1) {
                positives++;
            } else if (state[i] == 0) {
                negatives++;
            }
        }
        float posW = positives == 0 ? 0 : 0.5f / positives;
        float negW = negatives == 0 ? 0 : 0.5f / negatives;
        for (int i = 0; i < n; i++) {
            if (state[i] == 1) {
                cls[i] = 1;
                clsWeight[i] = posW;
                regWeight[i] = 1f / positives;
            } else if (state[i] == 0) {
                clsWeight[i] = negW;
            }
        }
        return new Targets(rows, cols, k, cls, clsWeight, dy, dh, regWeight, positives, negatives);
    }

    private void assignStrip(int c, double top, double bottom, int rows, int cols, int k, float[] cls,
                             float[] dy, float[] dh, float[] bestIou, byte[] state) {
        double gh = bottom - top;
        double gc = (top + bottom) / 2;
        int bestIndex = -1;
        double best = -1;
        int s = anchors.stride();
        // Only rows whose anchors can overlap the strip at all.
        int r0 = Math.max(0, (int) Math.floor((top - anchors.height(k - 1) / 2.0) / s));
        int r1 = Math.min(rows - 1, (int) Math.ceil((bottom + anchors.height(k - 1) / 2.0) / s));
        for (int r = r0; r <= r1; r++) {
            double ac = anchors.centerY(r);
            for (int a = 0; a < k; a++) {
                double ah = anchors.height(a);
                double iou = verticalIou(ac - ah / 2, ac + ah / 2, top, bottom);
                int i = (r * cols + c) * k + a;
                if (iou > best) {
                    best = iou;
                    bestIndex = i;
                }
                if (iou >= NEGATIVE_IOU && state[i] == 0) {
                    state[i] = 2;
                }
                if (iou > POSITIVE_IOU && iou > bestIou[i]) {
                    setPositive(i, iou, ac, ah, gc, gh, dy, dh, bestIou, state);
                }
            }
        }
        if (bestIndex >= 0 && best > 0 && best >= bestIou[bestIndex]) {
            int a = bestIndex % k;
            int r = bestIndex / k / cols;
            setPositive(bestIndex, best, anchors.centerY(r), anchors.height(a), gc, gh, dy, dh, bestIou, state);
        }
    }

    private static void setPositive(int i, double iou, double ac, double ah, double gc, double gh, float[] dy,
                                    float[] dh, float[] bestIou, byte[] state) {
        state[i] = 1;
        bestIou[i] = (float) iou;
        dy[i] = (float) ((gc - ac) / ah);
        dh[i] = (float) Math.log(gh / ah);
    }

    private void markIgnored(byte[] state, int rows, int cols, int k, int c, Box line) {
        int s = anchors.stride();
        for (int r = Math.max(0, line.y() / s - 1); r <= Math.min(rows - 1, (line.bottom() - 1) / s + 1); r++) {
            for (int a = 0; a < k; a++) {
                int i = (r * cols + c) * k + a;
                if (state[i] == 0) {
                    state[i] = 2;
                }
            }
        }
    }

    static double verticalIou(double a0, double a1, double b0, double b1) {
        double inter = Math.min(a1, b1) - Math.max(a0, b0);
        if (inter <= 0) {
            return 0;
        }
        double union = (a1 - a0) + (b1 - b0) - inter;
        return inter / union;
    }
}
