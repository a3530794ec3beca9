package io.deepreader.extract.types;

import io.deepreader.extract.layout.PageText;
import io.deepreader.extract.layout.Token;
import io.deepreader.extract.layout.TokenText;
import io.deepreader.ocr.result.PageResult;
import java.util.ArrayList;
import java.util.List;

/** Deep Reader's "type extractor": every OCR line and word tagged with the data type it holds. */
public final class TypeExtractor {
    private final TypeTagger tagger;

    public TypeExtractor(TypeTagger tagger) {
        this.tagger = tagger;
    }

    public List<TypedLine> extract(List<PageResult> pages) {
        List<TypedLine> out = new ArrayList<>();
        for (PageResult page : pages) {
            for (TokenText line : PageText.lines(page)) {
                out.add(tag(line));
            }
        }
        return List.copyOf(out);
    }

    public TypedLine tag(TokenText line) {
        List<TypedSpan> spans = tagger.tag(line.text());
        List<TypedWord> words = new ArrayList<>();
        for (Token token : line.tokens()) {
            words.add(new TypedWord(token.text(), wordType(token, spans), token.box(), token.confidence()));
        }
        List<TypedValue> values = new ArrayList<>();
        for (TypedSpan s : spans) {
            values.add(new TypedValue(s.type(), s.text(), s.normalized(), s.currency(),
                    line.boxOf(s.start(), s.end()).orElse(line.box()), line.confidenceOf(s.start(), s.end())));
        }
        return new TypedLine(line.page(), line.text(), TypeTagger.dominantType(line.text(), spans), line.box(), line.confidence(), words, values);
    }

    /** The type of the value covering most of the word's characters; TEXT when none covers any. */
    private static DataType wordType(Token token, List<TypedSpan> spans) {
        DataType best = DataType.TEXT;
        int bestOverlap = 0;
        for (TypedSpan s : spans) {
            int overlap = Math.min(token.end(), s.end()) - Math.max(token.start(), s.start());
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = s.type();
            }
        }
        // A label glued to its value ("TEL:07-3507405") keeps the value's type only if the value is most of it.
        return bestOverlap * 2 >= token.end() - token.start() ? best : DataType.TEXT;
    }
}
