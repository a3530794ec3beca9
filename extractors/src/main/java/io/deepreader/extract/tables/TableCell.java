package io.deepreader.extract.tables;

import io.deepreader.ocr.geometry.Box;
import java.util.List;

/**
 * One cell: 0-based row and column of its top-left grid position, how many rows and columns it spans (more than one
 * where a ruled cell is merged), its box in original page pixels, the text of the words inside it (by their centres;
 * lines top to bottom, words left to right, joined by spaces), their mean confidence (0 for an empty cell) and the words.
 */
public record TableCell(int row, int col, int rowSpan, int colSpan, Box box, String text, double confidence,
                        List<WordRef> words) {
    public TableCell {
        words = List.copyOf(words);
    }
}
