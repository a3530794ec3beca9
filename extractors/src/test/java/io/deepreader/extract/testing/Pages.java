package io.deepreader.extract.testing;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Block;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import io.deepreader.ocr.result.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds PageResults the way the OCR pipeline does (words with boxes), for tests. */
public final class Pages {
    /** Pixels per character and the gap between words, for a monospaced receipt font. */
    public static final int CHAR_W = 10;
    public static final int LINE_H = 20;

    private Pages() {
    }

    /** A line of words starting at (x, y); words separated by one character of space. */
    public static Line line(String text, int x, int y) {
        List<Word> words = new ArrayList<>();
        int cx = x;
        for (String w : text.split(" ")) {
            if (!w.isEmpty()) {
                words.add(new Word(w, new Box(cx, y, w.length() * CHAR_W, LINE_H), 90));
            }
            cx += (w.length() + 1) * CHAR_W;
        }
        Box box = words.stream().map(Word::box).reduce(Box::union).orElse(new Box(x, y, 0, LINE_H));
        return new Line(text, box, 90, 1, words);
    }

    public static PageResult page(String batchId, String docId, int page, int width, int height, List<Line> lines) {
        Box all = lines.stream().map(Line::box).reduce(Box::union).orElse(new Box(0, 0, width, height));
        return new PageResult(PageResult.SCHEMA_VERSION, batchId, docId, page, width, height, 0, "test",
                List.of(new Block(all, 90, lines)), Map.of("recognizeMs", 1L));
    }

    /** Rows of text: each string one row; "LEFT|RIGHT" puts RIGHT as a separate line box at the right edge. */
    public static PageResult receipt(String... rows) {
        List<Line> lines = new ArrayList<>();
        int y = 20;
        for (String row : rows) {
            String[] parts = row.split("\\|");
            lines.add(line(parts[0], 20, y));
            if (parts.length > 1) {
                lines.add(line(parts[1], 600 - parts[1].length() * CHAR_W, y + 2));
            }
            y += LINE_H + 10;
        }
        return page("b1", "d1", 1, 640, y + 20, lines);
    }
}
