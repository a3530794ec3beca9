package io.deepreader.ctpn.postprocess;

import io.deepreader.ctpn.Anchors;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the network's per-anchor outputs into proposals (paper eq. 2 inverted): centre
 * {@code cy = dy * ha + cya}, height {@code h = exp(dh) * ha}; the anchor's 16-px column gives x.
 * Arrays are NHWC-flat {@code [rows, cols, k]} as TF returns them.
 */
public final class ProposalDecoder {
    private final Anchors anchors;

    public ProposalDecoder(Anchors anchors) {
        this.anchors = anchors;
    }

    public List<TextProposal> decode(float[] scores, float[] dy, float[] dh, int rows, int cols, double minScore,
                                     int imageWidth, int imageHeight) {
        int k = anchors.count();
        if (scores.length != rows * cols * k || dy.length != scores.length || dh.length != scores.length) {
            throw new IllegalArgumentException("output size " + scores.length + " != " + rows + "x" + cols + "x" + k);
        }
        List<TextProposal> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double cya = anchors.centerY(r);
            for (int c = 0; c < cols; c++) {
                double left = anchors.left(c);
                double right = Math.min(left + anchors.stride(), imageWidth);
                if (left >= imageWidth) {
                    continue;
                }
                for (int a = 0; a < k; a++) {
                    int i = (r * cols + c) * k + a;
                    if (scores[i] < minScore) {
                        continue;
                    }
                    double ha = anchors.height(a);
                    // Clamp dh so a wild output cannot overflow exp().
                    double h = Math.exp(Math.max(-4, Math.min(4, dh[i]))) * ha;
                    double cy = dy[i] * ha + cya;
                    double top = Math.max(0, cy - h / 2);
                    double bottom = Math.min(imageHeight, cy + h / 2);
                    if (bottom - top >= 2) {
                        out.add(new TextProposal(left, top, right, bottom, scores[i]));
                    }
                }
            }
        }
        return out;
    }
}
