package io.deepreader.extract.layout;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.Word;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a {@link PageResult} into {@link TokenText}s: one per OCR line, and one per visual row.
 * Rows matter because a detector splits a receipt row such as {@code TOTAL ......  RM 9.00} into
 * separate line boxes; the label and its value meet again only when lines sharing a baseline are joined.
 */
public final class PageText {
    /** Two lines belong to one row when they share at least this fraction of the smaller height. */
    private static final double ROW_OVERLAP = 0.5;
    /** A line this much inside another line of its row (horizontally) is the same print read twice. */
    private static final double DUPLICATE_OVERLAP = 0.6;

    private PageText() {
    }

    public static List<TokenText> lines(PageResult page) {
        return page.lines().stream().map(line -> line(page.page(), line)).filter(t -> !t.tokens().isEmpty()).toList();
    }

    /** Lines grouped into rows (top to bottom), each row's lines left to right. */
    public static List<TokenText> rows(PageResult page) {
        List<TokenText> lines = new ArrayList<>(lines(page));
        lines.sort(Comparator.comparingDouble(l -> l.box().centerY()));
        List<List<TokenText>> rows = new ArrayList<>();
        List<Box> rowBoxes = new ArrayList<>();
        for (TokenText line : lines) {
            Box box = line.box();
            int found = -1;
            // Only the last few rows can share a baseline with a line further down the sorted order.
            for (int r = rows.size() - 1; r >= Math.max(0, rows.size() - 3); r--) {
                Box rowBox = rowBoxes.get(r);
                if (rowBox.verticalOverlap(box) >= ROW_OVERLAP && box.centerY() > rowBox.y() && box.centerY() < rowBox.bottom()) {
                    found = r;
                    break;
                }
            }
            if (found < 0) {
                rows.add(new ArrayList<>(List.of(line)));
                rowBoxes.add(box);
            } else {
                rows.get(found).add(line);
            }
        }
        List<TokenText> result = new ArrayList<>();
        for (List<TokenText> row : rows) {
            List<TokenText> kept = withoutOverlaps(page.page(), row);
            kept.sort(Comparator.comparingInt(l -> l.box().x()));
            result.add(join(page.page(), kept));
        }
        return List.copyOf(result);
    }

    /**
     * A detector can box one printed line twice, or box a piece of it again (CTPN's text connector
     * sometimes chains the same proposals into a full line and a fragment). Joined, the row would read
     * "ANZEL SDN BHD ANZEL SDN BHD". Wider lines are kept first; a narrower line mostly inside a kept
     * one is dropped, and of a partly overlapping one only the words outside the kept lines remain.
     */
    static List<TokenText> withoutOverlaps(int page, List<TokenText> row) {
        List<TokenText> byWidth = new ArrayList<>(row);
        byWidth.sort(Comparator.comparingInt((TokenText l) -> l.box().width()).reversed());
        List<TokenText> kept = new ArrayList<>();
        for (TokenText line : byWidth) {
            Box box = line.box();
            boolean covered = kept.stream().anyMatch(k -> horizontalOverlap(k.box(), box) >= DUPLICATE_OVERLAP * box.width());
            if (covered) {
                continue;
            }
            List<Token> outside = line.tokens().stream()
                    .filter(t -> kept.stream().noneMatch(k -> t.box().centerX() > k.box().x() && t.box().centerX() < k.box().right()))
                    .toList();
            if (outside.size() == line.tokens().size()) {
                kept.add(line);
            } else if (!outside.isEmpty()) {
                kept.add(join(page, outside.stream().map(t -> new TokenText(page, t.text(),
                        List.of(new Token(t.text(), t.box(), t.confidence(), 0, t.text().length())))).toList()));
            }
        }
        return kept;
    }

    private static int horizontalOverlap(Box a, Box b) {
        return Math.max(0, Math.min(a.right(), b.right()) - Math.max(a.x(), b.x()));
    }

    static TokenText join(int page, List<TokenText> parts) {
        StringBuilder text = new StringBuilder();
        List<Token> tokens = new ArrayList<>();
        for (TokenText part : parts) {
            if (text.length() > 0) {
                text.append(' ');
            }
            int offset = text.length();
            text.append(part.text());
            for (Token t : part.tokens()) {
                tokens.add(new Token(t.text(), t.box(), t.confidence(), t.start() + offset, t.end() + offset));
            }
        }
        return new TokenText(page, text.toString(), tokens);
    }

    /**
     * A line's words joined by single spaces. A line without word boxes (e.g. ground-truth line
     * transcripts) is split on white space and each word gets a slice of the line box in
     * proportion to its characters.
     */
    public static TokenText line(int page, Line line) {
        List<Word> words = line.words().isEmpty() ? splitWords(line) : line.words();
        StringBuilder text = new StringBuilder();
        List<Token> tokens = new ArrayList<>();
        for (Word w : words) {
            String t = w.text().strip();
            if (t.isEmpty()) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            int start = text.length();
            text.append(t);
            tokens.add(new Token(t, w.box(), w.confidence(), start, text.length()));
        }
        return new TokenText(page, text.toString(), tokens);
    }

    private static List<Word> splitWords(Line line) {
        String[] parts = line.text().strip().split("\\s+");
        int chars = 0;
        for (String p : parts) {
            chars += p.length() + 1;
        }
        chars = Math.max(1, chars - 1);
        Box b = line.box();
        double perChar = (double) b.width() / chars;
        List<Word> words = new ArrayList<>();
        int pos = 0;
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            double left = b.x() + pos * perChar;
            double right = b.x() + (pos + p.length()) * perChar;
            words.add(new Word(p, Box.ofCorners(left, b.y(), right, b.bottom()), line.confidence()));
            pos += p.length() + 1;
        }
        return words;
    }
}
