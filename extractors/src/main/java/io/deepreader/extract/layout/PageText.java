package io.deepreader.extract.layout;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.Word;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link PageResult} into {@link TokenText}s: one per OCR line, and one per visual row.
 * Rows matter because a detector splits a receipt row such as {@code TOTAL ......  RM 9.00} into
 * separate line boxes; the label and its value meet again only when lines sharing a baseline are joined.
 */
public final class PageText {
    /** Two lines belong to one row when they share at least this fraction of the smaller height. */
    private static final double ROW_OVERLAP = 0.5;
    /** Two words of a row overlapping this much of the narrower one's width are the same print read twice. */
    private static final double DUPLICATE_OVERLAP = 0.5;

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
     * "ANZEL SDN BHD ANZEL SDN BHD". Words of a row that cover the same ink (half the narrower word's
     * width) are one printed word read twice: the more confident reading is kept.
     */
    static List<TokenText> withoutOverlaps(int page, List<TokenText> row) {
        if (row.size() < 2) {
            return new ArrayList<>(row);
        }
        List<Token> words = new ArrayList<>();
        Map<Token, Integer> lineOf = new IdentityHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            for (Token t : row.get(i).tokens()) {
                words.add(t);
                lineOf.put(t, i);
            }
        }
        List<Token> byConfidence = new ArrayList<>(words);
        byConfidence.sort(Comparator.comparingDouble(Token::confidence).reversed());
        Set<Token> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Token w : byConfidence) {
            // Words of one line never repeat each other; a one-character word ("%", "&") is too small to judge
            // by its box alone, so it must read the same.
            boolean same = kept.stream().anyMatch(k -> !lineOf.get(k).equals(lineOf.get(w))
                    && (k.text().length() > 1 && w.text().length() > 1 || k.text().equals(w.text()))
                    && horizontalOverlap(k.box(), w.box()) >= DUPLICATE_OVERLAP * Math.min(k.box().width(), w.box().width()));
            if (!same) {
                kept.add(w);
            }
        }
        if (kept.size() == words.size()) {
            return new ArrayList<>(row);
        }
        List<TokenText> parts = new ArrayList<>();
        for (Token w : words) {
            if (kept.contains(w)) {
                parts.add(new TokenText(page, w.text(), List.of(new Token(w.text(), w.box(), w.confidence(), 0, w.text().length()))));
            }
        }
        return parts;
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
