package io.deepreader.ctpn;

import java.util.List;

/**
 * CTPN's fine-scale anchors: every feature-map cell (stride 16) carries {@code k} anchors of fixed
 * width 16 whose heights grow by ~x1.43 from 11 to 283 px (Tian et al., ECCV 2016, section 3.1).
 */
public record Anchors(int stride, List<Integer> heights) {

    /** The paper's ten heights: 11, 16, 23, 33, 48, 68, 97, 139, 198, 283. */
    public static final List<Integer> PAPER_HEIGHTS = List.of(11, 16, 23, 33, 48, 68, 97, 139, 198, 283);

    public Anchors {
        if (stride <= 0 || heights.isEmpty()) {
            throw new IllegalArgumentException("bad anchors: stride " + stride + ", heights " + heights);
        }
        heights = List.copyOf(heights);
    }

    public static Anchors paper() {
        return new Anchors(16, PAPER_HEIGHTS);
    }

    public int count() {
        return heights.size();
    }

    public int height(int k) {
        return heights.get(k);
    }

    /** Vertical centre of the anchors in feature row {@code row}, in input pixels. */
    public double centerY(int row) {
        return row * stride + stride / 2.0;
    }

    public double left(int column) {
        return (double) column * stride;
    }
}
