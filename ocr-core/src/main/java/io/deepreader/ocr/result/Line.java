package io.deepreader.ocr.result;

import io.deepreader.ocr.geometry.Box;
import java.util.List;

/** A recognised text line (Tesseract's RIL_TEXTLINE); {@code detectionScore} is the detector's score. */
public record Line(String text, Box box, double confidence, double detectionScore, List<Word> words) {
    public Line {
        words = List.copyOf(words);
    }
}
