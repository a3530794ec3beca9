package io.deepreader.extract.tables;

import io.deepreader.extract.layout.PageText;
import io.deepreader.extract.layout.Token;
import io.deepreader.extract.layout.TokenText;
import io.deepreader.ocr.result.Line;
import io.deepreader.ocr.result.PageResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Every word of a page with its {@link WordRef}, in OCR line order. Lines without word boxes (transcripts) get words in
 * proportion to their characters ({@link PageText#line}); lines with no words at all are not counted.
 */
public final class PageWords {
    /** One word: where it is in the page's numbering, and its text, box and confidence. */
    public record PageWord(WordRef ref, Token token) {
    }

    /** A numbered line and its words. */
    public record NumberedLine(int number, Line line, TokenText text, List<PageWord> words) {
    }

    private PageWords() {
    }

    public static List<NumberedLine> lines(PageResult page) {
        List<NumberedLine> lines = new ArrayList<>();
        int lineNo = 0;
        for (Line line : page.lines()) {
            TokenText text = PageText.line(page.page(), line);
            if (text.tokens().isEmpty()) {
                continue;
            }
            lineNo++;
            List<PageWord> words = new ArrayList<>();
            int wordNo = 0;
            for (Token t : text.tokens()) {
                words.add(new PageWord(new WordRef(lineNo, ++wordNo), t));
            }
            lines.add(new NumberedLine(lineNo, line, text, List.copyOf(words)));
        }
        return List.copyOf(lines);
    }

    public static List<PageWord> words(PageResult page) {
        return lines(page).stream().flatMap(l -> l.words().stream()).toList();
    }
}
