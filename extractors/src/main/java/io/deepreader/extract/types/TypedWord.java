package io.deepreader.extract.types;

import io.deepreader.ocr.geometry.Box;

/** A word with the type of the value it is part of ({@code TEXT} when none). */
public record TypedWord(String text, DataType type, Box box, double confidence) {
}
