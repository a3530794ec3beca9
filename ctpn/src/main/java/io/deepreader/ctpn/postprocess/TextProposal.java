package io.deepreader.ctpn.postprocess;

/** One fine-scale proposal: a 16-px-wide vertical slice of a text line, in detection-input pixels. */
public record TextProposal(double left, double top, double right, double bottom, double score) {

    public double height() {
        return bottom - top;
    }

    public double width() {
        return right - left;
    }

    public double centerX() {
        return (left + right) / 2;
    }

    public double iou(TextProposal o) {
        double w = Math.min(right, o.right) - Math.max(left, o.left);
        double h = Math.min(bottom, o.bottom) - Math.max(top, o.top);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / (width() * height() + o.width() * o.height() - inter);
    }

    /** Shared height over the smaller height (CTPN's vertical overlap). */
    public double verticalOverlap(TextProposal o) {
        double shared = Math.min(bottom, o.bottom) - Math.max(top, o.top);
        double smaller = Math.min(height(), o.height());
        return shared <= 0 || smaller <= 0 ? 0 : shared / smaller;
    }

    /** Smaller height over larger height. */
    public double sizeSimilarity(TextProposal o) {
        double a = height();
        double b = o.height();
        return Math.max(a, b) <= 0 ? 0 : Math.min(a, b) / Math.max(a, b);
    }
}
