package io.deepreader.ocr.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Receipts {@code from..to} (both included), as the commands take them ({@code --range 250-299}), and the one
 * rule of the evaluation protocol every tuning or training command enforces: it never touches 300-399.
 */
public record SroieRange(int from, int to) {
    private static final int REPORT_SPLIT_END = SroieReceipt.REPORT_SPLIT_START + 99;

    public SroieRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a receipt range: " + from + "-" + to);
        }
    }

    /** {@code "A-B"}, e.g. {@code "0-249"}. */
    public static SroieRange parse(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected a receipt range like 0-249, got '" + text + "'");
        }
        try {
            return new SroieRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a receipt range like 0-249, got '" + text + "'", e);
        }
    }

    public boolean touchesReportSplit() {
        return to >= SroieReceipt.REPORT_SPLIT_START && from <= REPORT_SPLIT_END;
    }

    /**
     * This range, refused when it touches the report split.
     *
     * @param use what the receipts are for, named in the error ("tune", "train the line cuts")
     */
    public SroieRange outsideReportSplit(String use) {
        if (touchesReportSplit()) {
            throw new IllegalArgumentException(from + "-" + to + " touches 300-399, the report split: " + use
                    + " on receipts 000-299");
        }
        return this;
    }

    public List<SroieReceipt> load(Path sroie) throws IOException {
        return SroieReceipt.loadRange(sroie, from, to + 1);
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
