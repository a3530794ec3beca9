package io.deepreader.extract.tables;

/**
 * A ruling line of a table in page pixels: horizontal ones at {@code position} = y running {@code from}..{@code to} in x,
 * vertical ones at {@code position} = x running {@code from}..{@code to} in y.
 */
public record Ruling(boolean horizontal, int position, int from, int to, int thickness) {
    public Ruling {
        if (to < from) {
            throw new IllegalArgumentException("ruling ends before it starts: " + from + ".." + to);
        }
    }

    public int length() {
        return to - from;
    }

    /** How much of {@code lo..hi} this ruling covers, as a fraction of that span. */
    double covers(int lo, int hi) {
        int overlap = Math.min(to, hi) - Math.max(from, lo);
        return hi <= lo ? 0 : Math.max(0, overlap) / (double) (hi - lo);
    }

    /** Whether this ruling and a perpendicular one cross or touch, within {@code tolerance} pixels. */
    boolean meets(Ruling other, int tolerance) {
        return horizontal != other.horizontal
                && other.position >= from - tolerance && other.position <= to + tolerance
                && position >= other.from - tolerance && position <= other.to + tolerance;
    }
}
