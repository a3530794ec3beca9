package io.deepreader.extract.layout;

import io.deepreader.ocr.geometry.Box;

/** One word of a {@link TokenText}: {@code start..end} are its character offsets in that text. */
public record Token(String text, Box box, double confidence, int start, int end) {
}
