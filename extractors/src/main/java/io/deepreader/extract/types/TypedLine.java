package io.deepreader.extract.types;

import io.deepreader.ocr.geometry.Box;
import java.util.List;

/**
 * An OCR line tagged with the type of its dominant value ({@code TEXT} for mixed lines), each word
 * with its own type, and the typed values themselves (a phone number can span several words).
 */
public record TypedLine(int page, String text, DataType type, Box box, double confidence,
                        List<TypedWord> words, List<TypedValue> values) {
    public TypedLine {
        words = List.copyOf(words);
        values = List.copyOf(values);
    }
}
