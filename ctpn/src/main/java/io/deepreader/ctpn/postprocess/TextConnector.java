package io.deepreader.ctpn.postprocess;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CTPN's text-line construction (the paper's section 3.3, after the authors' TextProposalGraphBuilder):
 * proposal j is the successor of i when it is the nearest proposal to the right within the horizontal gap
 * whose vertical overlap and height similarity both pass, choosing the best score in that nearest column; the
 * pair is linked when i also scores at least as high as every precursor competing for j. Connected chains
 * become lines whose top and bottom are least-squares fits through the proposals (robust to slight skew).
 *
 * <p>The gap is relative to the text height ({@code maxGapFactor} x height, at least {@code minGapPx}) rather
 * than the paper's fixed 50 px, so word spaces are bridged and receipt columns stay apart at any scale.
 */
public final class TextConnector {

    /**
     * {@code minSingleScore}: a chain shorter than {@code minProposals} is still a line when its mean score
     * reaches this (single characters such as a receipt's item count fill one 16-px column); above 1 = never.
     */
    public record Params(double maxGapFactor, double minGapPx, double minVerticalOverlap, double minSizeSimilarity,
                         int minProposals, double minLineScore, double minSingleScore) {
        /** Overlap and similarity 0.7 as in the authors' code; gap and single score tuned on SROIE 200-299. */
        public static Params defaults() {
            return new Params(0.6, 8, 0.7, 0.7, 2, 0.0, 0.995);
        }
    }

    /** A connected line in detection-input pixels. */
    public record Line(double left, double top, double right, double bottom, double score, int proposals) {
    }

    private final Params params;

    public TextConnector(Params params) {
        this.params = params;
    }

    public List<Line> connect(List<TextProposal> input) {
        List<TextProposal> p = new ArrayList<>(input);
        p.sort(Comparator.comparingDouble(TextProposal::left));
        int n = p.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int succ = bestNeighbour(p, i, true);
            if (succ < 0) {
                continue;
            }
            double best = -1;
            for (int pre : neighbours(p, succ, false)) {
                best = Math.max(best, p.get(pre).score());
            }
            if (p.get(i).score() >= best) {
                union(parent, i, succ);
            }
        }
        Map<Integer, List<TextProposal>> groups = new HashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(p.get(i));
        }
        List<Line> lines = new ArrayList<>();
        List<Line> shortChains = new ArrayList<>();
        for (List<TextProposal> g : groups.values()) {
            Line line = fit(g);
            if (line.score() < params.minLineScore()) {
                continue;
            }
            if (g.size() >= params.minProposals()) {
                lines.add(line);
            } else if (line.score() >= params.minSingleScore()) {
                shortChains.add(line);
            }
        }
        // A short chain overlapping a longer line is a leftover of it (an unlinked second anchor in a column).
        for (Line c : shortChains) {
            if (lines.stream().noneMatch(l -> overlaps(l, c))) {
                lines.add(c);
            }
        }
        lines.sort(Comparator.comparingDouble((Line l) -> (l.top() + l.bottom()) / 2).thenComparingDouble(Line::left));
        return List.copyOf(lines);
    }

    /** The highest-scoring linkable proposal in the nearest column to the right ({@code right}) or left. */
    private int bestNeighbour(List<TextProposal> p, int i, boolean right) {
        int best = -1;
        for (int j : neighbours(p, i, right)) {
            if (best < 0 || p.get(j).score() > p.get(best).score()) {
                best = j;
            }
        }
        return best;
    }

    /** All linkable proposals in the nearest column on one side within the gap. */
    private List<Integer> neighbours(List<TextProposal> p, int i, boolean right) {
        TextProposal a = p.get(i);
        List<Integer> found = new ArrayList<>();
        double nearest = Double.MAX_VALUE;
        int step = right ? 1 : -1;
        for (int j = i + step; j >= 0 && j < p.size(); j += step) {
            TextProposal b = p.get(j);
            double distance = right ? b.left() - a.left() : a.left() - b.left();
            if (distance <= 0) {
                continue; // same column
            }
            double gap = right ? b.left() - a.right() : a.left() - b.right();
            double maxGap = Math.max(params.minGapPx(), params.maxGapFactor() * Math.min(a.height(), b.height()));
            // Sorted by left: once beyond the largest possible gap, nothing further can link.
            if (gap > Math.max(params.minGapPx(), params.maxGapFactor() * a.height() * 1.5) || distance > nearest) {
                break;
            }
            if (gap > maxGap || !linkable(a, b)) {
                continue;
            }
            nearest = distance;
            found.add(j);
        }
        return found;
    }

    private static boolean overlaps(Line a, Line b) {
        return a.left() < b.right() && b.left() < a.right() && a.top() < b.bottom() && b.top() < a.bottom();
    }

    private boolean linkable(TextProposal a, TextProposal b) {
        return a.verticalOverlap(b) >= params.minVerticalOverlap() && a.sizeSimilarity(b) >= params.minSizeSimilarity();
    }

    private static Line fit(List<TextProposal> g) {
        double left = Double.MAX_VALUE;
        double right = -Double.MAX_VALUE;
        double minTop = Double.MAX_VALUE;
        double maxBottom = -Double.MAX_VALUE;
        double score = 0;
        double sx = 0;
        double sxx = 0;
        double st = 0;
        double sxt = 0;
        double sb = 0;
        double sxb = 0;
        for (TextProposal t : g) {
            left = Math.min(left, t.left());
            right = Math.max(right, t.right());
            minTop = Math.min(minTop, t.top());
            maxBottom = Math.max(maxBottom, t.bottom());
            score += t.score();
            double x = t.centerX();
            sx += x;
            sxx += x * x;
            st += t.top();
            sxt += x * t.top();
            sb += t.bottom();
            sxb += x * t.bottom();
        }
        int n = g.size();
        double half = (g.get(0).right() - g.get(0).left()) / 2;
        double x0 = left + half;
        double x1 = right - half;
        double den = n * sxx - sx * sx;
        double top;
        double bottom;
        if (Math.abs(den) < 1e-9) {
            top = st / n;
            bottom = sb / n;
        } else {
            double kt = (n * sxt - sx * st) / den;
            double ct = (st - kt * sx) / n;
            double kb = (n * sxb - sx * sb) / den;
            double cb = (sb - kb * sx) / n;
            top = Math.min(kt * x0 + ct, kt * x1 + ct);
            bottom = Math.max(kb * x0 + cb, kb * x1 + cb);
        }
        top = Math.max(minTop, top);
        bottom = Math.min(maxBottom, bottom);
        return new Line(left, top, right, Math.max(bottom, top + 1), score / n, n);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
