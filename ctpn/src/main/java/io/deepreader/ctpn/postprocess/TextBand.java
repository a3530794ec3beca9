package io.deepreader.ctpn.postprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * A connected text line after its top, bottom and ends were snapped to the ink, before it is cut into pieces;
 * in the scaled page's pixels.
 */
public record TextBand(double left, double top, double right, double bottom, double score) {
    public double height() {
        return bottom - top;
    }

    /**
     * The band's {@code [left, right]} pieces, left to right, when it is cut at these blank runs (left to
     * right): each new end is the run's edge padded by {@code padFactor} of the height, like {@link InkTrim}'s
     * ends; the outer ends are kept. No runs: the whole band.
     */
    public List<double[]> cutAt(List<LineInk.Run> cuts, double padFactor) {
        double pad = padFactor * height();
        List<double[]> pieces = new ArrayList<>();
        double pieceLeft = left;
        for (LineInk.Run run : cuts) {
            pieces.add(new double[] {pieceLeft, Math.min(right, run.start() + pad)});
            pieceLeft = Math.max(left, run.end() - pad);
        }
        pieces.add(new double[] {pieceLeft, right});
        return List.copyOf(pieces);
    }
}
