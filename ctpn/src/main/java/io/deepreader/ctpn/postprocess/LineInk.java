package io.deepreader.ctpn.postprocess;

import static io.deepreader.ctpn.postprocess.InkThreshold.clamp;

import io.deepreader.ocr.image.GrayImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Which columns of a line's band hold ink, by {@link InkGapSplitter}'s test (two pixels darker than a grey a
 * quarter of the way from the paper): the blank runs between ink columns are the candidate cuts.
 *
 * @param x0  the page column of {@code ink[0]}
 * @param ink one flag per column from {@code x0}
 */
public record LineInk(int x0, boolean[] ink) {

    /** A blank run of columns {@code [start, end)} between two ink columns, in page pixels. */
    public record Run(int start, int end) {
        public int width() {
            return end - start;
        }
    }

    /** The ink columns of {@code [left, right] x [top, bottom]}; none when the band has no contrast. */
    public static LineInk of(GrayImage image, double left, double top, double right, double bottom) {
        int x0 = clamp((int) Math.floor(left), 0, image.width() - 1);
        int x1 = clamp((int) Math.ceil(right), x0 + 1, image.width());
        int y0 = clamp((int) Math.floor(top), 0, image.height() - 1);
        int y1 = clamp((int) Math.ceil(bottom), y0 + 1, image.height());
        boolean[] ink = new boolean[x1 - x0];
        int threshold = InkThreshold.of(image, x0, y0, x1, y1, InkThreshold.FAINT);
        if (threshold >= 0) {
            for (int x = x0; x < x1; x++) {
                ink[x - x0] = InkThreshold.columnHasInk(image, x, y0, y1, threshold);
            }
        }
        return new LineInk(x0, ink);
    }

    /** The blank runs between ink columns, left to right. */
    public List<Run> blankRuns() {
        List<Run> runs = new ArrayList<>();
        int lastInk = -1;
        for (int i = 0; i < ink.length; i++) {
            if (ink[i]) {
                if (lastInk >= 0 && i - lastInk > 1) {
                    runs.add(new Run(x0 + lastInk + 1, x0 + i));
                }
                lastInk = i;
            }
        }
        return runs;
    }

    /** The first and last ink column (page pixels), or null when the band holds none. */
    public int[] inkExtent() {
        int first = -1;
        int last = -1;
        for (int i = 0; i < ink.length; i++) {
            if (ink[i]) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return first < 0 ? null : new int[] {x0 + first, x0 + last + 1};
    }

    /** Whether any column of {@code [start, end)} (page pixels) holds ink; columns outside the band do not. */
    public boolean anyInk(int start, int end) {
        for (int x = Math.max(start, x0); x < Math.min(end, x0 + ink.length); x++) {
            if (ink[x - x0]) {
                return true;
            }
        }
        return false;
    }
}
