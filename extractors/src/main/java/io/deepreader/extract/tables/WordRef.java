package io.deepreader.extract.tables;

/**
 * A word of a page by its 1-based line and word number, counted as {@link PageWords} counts them (lines without words
 * skipped): the same numbers the Textract JSON's WORD ids are made from.
 */
public record WordRef(int line, int word) {
}
