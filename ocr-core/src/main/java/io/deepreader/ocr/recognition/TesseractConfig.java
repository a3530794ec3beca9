package io.deepreader.ocr.recognition;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * How each Tesseract engine is initialised; {@code smoothing} is applied to a page before its lines are read
 * (see {@link StrokeSmoothing}). Lines are read with {@code {tessdata}/{language}.traineddata}; orientation
 * detection with {@code {osdTessdata}/osd.traineddata} (the layer's folder also when the line model is a
 * fine-tuned one from EFS, see {@link RecognitionModelStore}).
 */
public record TesseractConfig(Path tessdata, String language, StrokeSmoothing smoothing, LineScaling scaling,
                              Map<String, String> variables, Path osdTessdata) {
    /** The blur the pipeline reads with, chosen on SROIE's training split (see {@link StrokeSmoothing}). */
    public static final StrokeSmoothing DEFAULT_SMOOTHING = new StrokeSmoothing(0.035);

    /**
     * How the pipeline hands lines to Tesseract: in place, from a page scaled down when its median line is over 40 px
     * (see {@link LineScaling}). Chosen as the largest saving that leaves the tuning split as it was, reading SROIE's
     * own boxes with the shipped line model, page CER 000-249: none 0.020, 48 0.020, 40 0.020, 36 0.021, 32 0.021,
     * 28 0.021, 24 0.023; checked on 250-299 (19 of its 50 pages are 600-dpi scans with 70-90 px lines), truth / CTPN
     * page CER and ms/page: none 0.029 / 0.119, 486 ms; 40 0.029 / 0.119, 388 ms; 32 0.028 / 0.119, 354 ms.
     */
    public static final LineScaling DEFAULT_SCALING = LineScaling.inPlace(40);

    public TesseractConfig(Path tessdata, String language) {
        this(tessdata, language, DEFAULT_SMOOTHING);
    }

    public TesseractConfig(Path tessdata, String language, StrokeSmoothing smoothing) {
        this(tessdata, language, smoothing, DEFAULT_SCALING, DEFAULT_VARIABLES);
    }

    /** Orientation detection reads osd.traineddata from {@code tessdata} too. */
    public TesseractConfig(Path tessdata, String language, StrokeSmoothing smoothing, LineScaling scaling,
                           Map<String, String> variables) {
        this(tessdata, language, smoothing, scaling, variables, tessdata);
    }

    /**
     * {@code variables}: Tesseract parameters given to Init (init-only ones included); an empty value leaves
     * the parameter at Tesseract's default.
     */
    public TesseractConfig {
        Map<String, String> set = new TreeMap<>(variables);
        set.values().removeIf(String::isEmpty);
        variables = Map.copyOf(set);
        osdTessdata = osdTessdata == null ? tessdata : osdTessdata;
    }

    /** These parameters on top of this config's; an empty value removes one. */
    public TesseractConfig withVariables(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(variables);
        all.putAll(more);
        return new TesseractConfig(tessdata, language, smoothing, scaling, all, osdTessdata);
    }

    public TesseractConfig withScaling(LineScaling newScaling) {
        return new TesseractConfig(tessdata, language, smoothing, newScaling, variables, osdTessdata);
    }

    /** Lines read with {@code {dir}/{newLanguage}.traineddata}; orientation detection keeps this config's folder. */
    public TesseractConfig withLineModel(Path dir, String newLanguage) {
        return new TesseractConfig(dir, newLanguage, smoothing, scaling, variables, osdTessdata);
    }

    /**
     * Glyphs Tesseract's English model emits on receipt noise (dot-matrix dots, thermal speckle, table rules,
     * stray quotes) that receipts and invoices almost never print: typographic quotes, section sign, yen, cent,
     * copyright/registered, degree, guillemets, em dash, braces, vertical bar, tilde. Blacklisted, the LSTM
     * takes its next choice instead (often the right one: "§" for "S", "{" for "(", "‘" for nothing). Currency
     * signs of invoices ($, £, €) stay allowed. Reading SROIE's own line boxes (page CER, mean): tuned on
     * 000-249 0.0527 -> 0.0505 (143 pages better, 2 worse; without "{}|~" 0.0512), chosen on 250-299
     * 0.0709 -> 0.0687 (26 better, 0 worse; without "{}|~" 0.0700).
     */
    public static final String NOISE_GLYPHS = "¢¥§©«®°»—‘’“”{}|~";

    /** The Tesseract parameters every pipeline engine is initialised with. */
    public static final Map<String, String> DEFAULT_VARIABLES = Map.of("tessedit_char_blacklist", NOISE_GLYPHS);

    public static TesseractConfig english(String tessdataPrefix) {
        return new TesseractConfig(Tessdata.locate(tessdataPrefix, "eng"), "eng");
    }
}
