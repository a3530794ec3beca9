package io.deepreader.ocr.recognition;

import io.deepreader.ocr.geometry.Box;
import io.deepreader.ocr.result.Word;
import java.util.List;

/** Tesseract's reading of one line box, boxes in the recognised image's pixels. */
public record RecognizedLine(Box box, String text, double confidence, List<Word> words) {
    public RecognizedLine {
        words = List.copyOf(words);
    }
}
