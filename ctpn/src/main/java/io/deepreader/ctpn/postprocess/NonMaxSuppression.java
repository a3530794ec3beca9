package io.deepreader.ctpn.postprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy NMS: keep the best-scoring proposal, drop those overlapping it by more than the threshold. */
public final class NonMaxSuppression {
    private NonMaxSuppression() {
    }

    public static List<TextProposal> apply(List<TextProposal> proposals, double iouThreshold) {
        List<TextProposal> sorted = new ArrayList<>(proposals);
        sorted.sort(Comparator.comparingDouble(TextProposal::score).reversed());
        List<TextProposal> kept = new ArrayList<>();
        boolean[] removed = new boolean[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            if (removed[i]) {
                continue;
            }
            TextProposal p = sorted.get(i);
            kept.add(p);
            for (int j = i + 1; j < sorted.size(); j++) {
                TextProposal q = sorted.get(j);
                // Proposals in different columns never suppress each other (cheap early out).
                if (!removed[j] && q.left() < p.right() && p.left() < q.right() && p.iou(q) > iouThreshold) {
                    removed[j] = true;
                }
            }
        }
        return List.copyOf(kept);
    }
}
