package io.deepreader.extract.layout;

import io.deepreader.ocr.geometry.Box;
import java.util.List;
import java.util.Optional;

/**
 * A run of words on one page (an OCR line, or a visual row of several lines) as one string whose
 * character offsets map back to the words' boxes: rules match on the text, fields keep the boxes.
 */
public record TokenText(int page, String text, List<Token> tokens) {

    public TokenText {
        tokens = List.copyOf(tokens);
    }

    public Box box() {
        return tokens.stream().map(Token::box).reduce(Box::union).orElse(new Box(0, 0, 0, 0));
    }

    public double confidence() {
        return tokens.stream().mapToDouble(Token::confidence).average().orElse(0);
    }

    /** The words that overlap the character range {@code [start, end)}. */
    public List<Token> tokensIn(int start, int end) {
        return tokens.stream().filter(t -> t.start() < end && t.end() > start).toList();
    }

    public Optional<Box> boxOf(int start, int end) {
        return tokensIn(start, end).stream().map(Token::box).reduce(Box::union);
    }

    public double confidenceOf(int start, int end) {
        return tokensIn(start, end).stream().mapToDouble(Token::confidence).average().orElse(confidence());
    }
}
