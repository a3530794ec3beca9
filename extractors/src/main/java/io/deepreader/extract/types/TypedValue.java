package io.deepreader.extract.types;

import io.deepreader.ocr.geometry.Box;

/** A typed value found on a line, with its box (union of its words) and mean word confidence. */
public record TypedValue(DataType type, String text, String normalized, String currency, Box box, double confidence) {
}
