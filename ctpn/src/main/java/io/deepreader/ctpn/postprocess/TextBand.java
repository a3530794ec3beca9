package io.deepreader.ctpn.postprocess;

/**
 * A connected text line after its top, bottom and ends were snapped to the ink, before it is cut into pieces;
 * in the scaled page's pixels.
 */
public record TextBand(double left, double top, double right, double bottom, double score) {
    public double height() {
        return bottom - top;
    }
}
