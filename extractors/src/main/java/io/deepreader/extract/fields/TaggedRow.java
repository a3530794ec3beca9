package io.deepreader.extract.fields;

import io.deepreader.extract.layout.TokenText;
import io.deepreader.extract.types.DataType;
import io.deepreader.extract.types.TypedSpan;
import io.deepreader.ocr.geometry.Box;
import java.util.List;

/** A visual row with its typed values: the unit every field rule works on. */
record TaggedRow(int index, TokenText row, List<TypedSpan> spans) {

    String text() {
        return row.text();
    }

    /** Upper case, with misread label words and company suffixes put back ({@link LabelWords}); same length as the text. */
    String upper() {
        return LabelWords.repair(row.text());
    }

    int page() {
        return row.page();
    }

    List<TypedSpan> of(DataType type) {
        return spans.stream().filter(s -> s.type() == type).toList();
    }

    List<TypedSpan> amountsAfter(int offset) {
        return spans.stream().filter(s -> s.type() == DataType.AMOUNT && s.start() >= offset).toList();
    }

    boolean has(DataType type) {
        return spans.stream().anyMatch(s -> s.type() == type);
    }

    /** Letters outside typed values: how much of the row is words rather than numbers. */
    int freeLetters() {
        StringBuilder rest = new StringBuilder(row.text());
        for (TypedSpan s : spans) {
            for (int i = s.start(); i < s.end(); i++) {
                rest.setCharAt(i, ' ');
            }
        }
        return (int) rest.chars().filter(Character::isLetter).count();
    }

    Box boxOf(TypedSpan span) {
        return row.boxOf(span.start(), span.end()).orElse(row.box());
    }

    double confidenceOf(TypedSpan span) {
        return row.confidenceOf(span.start(), span.end());
    }
}
