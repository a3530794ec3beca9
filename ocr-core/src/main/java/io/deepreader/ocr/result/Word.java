package io.deepreader.ocr.result;

import io.deepreader.ocr.geometry.Box;

/** A recognised word; box in original image pixels, confidence in [0,100] as Tesseract reports it. */
public record Word(String text, Box box, double confidence) {
}
